# SPDX-License-Identifier: GPL-2.0-or-later
# Debian's hardening flags (dpkg-buildflags with DEB_BUILD_MAINT_OPTIONS=hardening=+all, as
# Debian 12 applies them, plus the stack-clash and control-flow protection hardening-check also
# asks for) on the programs we install and on every library of ours they link (issue #21).
# lintian's hardening-* tags and hardening-check look at the installed binaries.
#
#   qvblade_harden(program...)   after every add_subdirectory(): the link graph is complete then
include(CheckCXXCompilerFlag)
include(CheckPIESupported)
include(CMakeDependentOption)

# The sanitizers bring their own instrumentation; fortified libc calls would bypass ASan's
# interceptors, so a sanitizer build is not hardened.
cmake_dependent_option(QVBLADE_HARDENING "Build the installed programs with Debian's hardening flags" ON
                       "NOT QVBLADE_SANITIZE" OFF)

# _FORTIFY_SOURCE needs optimisation (glibc warns otherwise, and -Werror makes that an error):
# true if the last -O in FLAGS is not -O0.
function(_qvblade_optimised flags out)
  string(REGEX MATCHALL "(^| )-O[^ ]*" levels " ${flags}")
  list(POP_BACK levels last)
  string(STRIP "${last}" last)
  if(last AND NOT last STREQUAL "-O0")
    set(${out} TRUE PARENT_SCOPE)
  else()
    set(${out} FALSE PARENT_SCOPE)
  endif()
endfunction()

# The configurations that optimise, comma-separated for $<CONFIG:...>; "*" when the flags without a build
# type do already.
function(_qvblade_fortify_configs out)
  set(configs "")
  set(types ${CMAKE_CONFIGURATION_TYPES} ${CMAKE_BUILD_TYPE})
  foreach(type IN LISTS types)
    string(TOUPPER "${type}" upper)
    _qvblade_optimised("${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${upper}}" optimised)
    if(optimised)
      list(APPEND configs ${type})
    endif()
  endforeach()
  _qvblade_optimised("${CMAKE_CXX_FLAGS}" optimised)
  if(NOT types AND optimised)
    set(configs "*")
  endif()
  list(JOIN configs "," configs)
  set(${out} "${configs}" PARENT_SCOPE)
endfunction()

set(_qvblade_hardening_compile -fstack-protector-strong -Wformat -Werror=format-security)
foreach(flag -fstack-clash-protection -fcf-protection)
  string(MAKE_C_IDENTIFIER "QVBLADE_HAS${flag}" var)
  check_cxx_compiler_flag(${flag} ${var})
  if(${var})
    list(APPEND _qvblade_hardening_compile ${flag})
  endif()
endforeach()
check_pie_supported(LANGUAGES CXX)

# The targets of this project TARGET links, directly or through other targets of ours.
function(_qvblade_own_link_closure target out)
  set(seen ${${out}})
  get_target_property(libs ${target} LINK_LIBRARIES)
  foreach(lib IN LISTS libs)
    if(TARGET "${lib}" AND NOT lib IN_LIST seen)
      get_target_property(imported ${lib} IMPORTED)
      get_target_property(type ${lib} TYPE)
      if(NOT imported AND NOT type STREQUAL "INTERFACE_LIBRARY")
        list(APPEND seen ${lib})
        _qvblade_own_link_closure(${lib} seen)
      endif()
    endif()
  endforeach()
  set(${out} ${seen} PARENT_SCOPE)
endfunction()

function(qvblade_harden)
  if(NOT QVBLADE_HARDENING)
    return()
  endif()
  _qvblade_fortify_configs(fortify)
  set(all "")
  foreach(program IN LISTS ARGN)
    list(APPEND all ${program})
    _qvblade_own_link_closure(${program} all)
    # -z relro: read-only relocations; -z now: bind at load, so the GOT can be read-only too.
    target_link_options(${program} PRIVATE LINKER:-z,relro LINKER:-z,now)
  endforeach()
  list(REMOVE_DUPLICATES all)
  foreach(t IN LISTS all)
    set_target_properties(${t} PROPERTIES POSITION_INDEPENDENT_CODE ON)
    target_compile_options(${t} PRIVATE ${_qvblade_hardening_compile})
    # Whoever already sets _FORTIFY_SOURCE in CMAKE_CXX_FLAGS (a distribution's build) keeps it;
    # -U first for compilers that predefine another level (Ubuntu's gcc: 3).
    if(fortify STREQUAL "*" AND NOT CMAKE_CXX_FLAGS MATCHES "_FORTIFY_SOURCE")
      target_compile_options(${t} PRIVATE -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2)
    elseif(fortify AND NOT CMAKE_CXX_FLAGS MATCHES "_FORTIFY_SOURCE")
      target_compile_options(${t} PRIVATE "$<$<CONFIG:${fortify}>:-U_FORTIFY_SOURCE;-D_FORTIFY_SOURCE=2>")
    endif()
  endforeach()
  message(STATUS "Hardening: ${all} (_FORTIFY_SOURCE for: ${fortify})")
endfunction()
