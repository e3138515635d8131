// SPDX-License-Identifier: GPL-2.0-or-later
// Colours derived from the palette, with the contrast WCAG asks for (4.5:1 for text, 3:1 for
// lines and shapes), so a dark theme gets readable banners and error text instead of light
// colours chosen for a light one.
#pragma once

#include <QColor>
#include <QPalette>

namespace qvblade::gui {

// WCAG 2 relative luminance and contrast ratio (1 to 21).
double relativeLuminance(const QColor& c);
double contrastRatio(const QColor& a, const QColor& b);

inline constexpr double kTextContrast = 4.5;      // WCAG AA, normal text
inline constexpr double kGraphicContrast = 3.0;   // WCAG AA, non-text (a graph's line)

// `color` with its lightness moved (towards white on a dark background, black on a light one)
// until it has `ratio` against `background`; unchanged when it has it already.
QColor withContrast(const QColor& color, const QColor& background, double ratio);

// `a` mixed with `b`: share 0 is a, 1 is b.
QColor mix(const QColor& a, const QColor& b, double share);

// Error text (red) readable on the palette's `background` role.
QColor errorTextColor(const QPalette& palette, QPalette::ColorRole background = QPalette::Window);

}  // namespace qvblade::gui
