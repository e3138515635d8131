// SPDX-License-Identifier: GPL-2.0-or-later
// What a dark desktop theme (Breeze Dark, Adwaita-dark) hands a Qt application, with a dim
// accent colour: the contrast tests and the dark screenshots use it.
#pragma once

#include <QPalette>

#include <utility>

inline QPalette darkTestPalette() {
    const QColor text(0xe6, 0xe6, 0xe6), disabled(0x80, 0x80, 0x80);
    const std::pair<QPalette::ColorRole, QColor> roles[] = {
        {QPalette::Window, QColor(0x2d, 0x2d, 0x2d)}, {QPalette::WindowText, text},
        {QPalette::Base, QColor(0x1e, 0x1e, 0x1e)}, {QPalette::AlternateBase, QColor(0x26, 0x26, 0x26)},
        {QPalette::Text, text}, {QPalette::Button, QColor(0x35, 0x35, 0x35)}, {QPalette::ButtonText, text},
        {QPalette::Highlight, QColor(0x1d, 0x4f, 0x91)},   // a dim accent: the faint graph
        {QPalette::HighlightedText, Qt::white}, {QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a)},
        {QPalette::Mid, QColor(0x55, 0x55, 0x55)}, {QPalette::Light, QColor(0x50, 0x50, 0x50)},
        {QPalette::Dark, QColor(0x20, 0x20, 0x20)}, {QPalette::ToolTipBase, QColor(0x35, 0x35, 0x35)},
        {QPalette::ToolTipText, text}};
    QPalette p;
    for (const auto& [role, color] : roles) p.setColor(role, color);
    for (QPalette::ColorRole role : {QPalette::Text, QPalette::WindowText, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}
