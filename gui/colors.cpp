// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/colors.h"

#include <algorithm>
#include <cmath>

namespace qvblade::gui {

namespace {
double linear(double channel) {
    return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}
}  // namespace

double relativeLuminance(const QColor& c) {
    const QColor rgb = c.toRgb();
    return 0.2126 * linear(rgb.redF()) + 0.7152 * linear(rgb.greenF()) + 0.0722 * linear(rgb.blueF());
}

double contrastRatio(const QColor& a, const QColor& b) {
    const double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor withContrast(const QColor& color, const QColor& background, double ratio) {
    if (contrastRatio(color, background) >= ratio) return color;
    const bool darkBackground = relativeLuminance(background) < 0.18;
    QColor c = color.toHsl();
    float h, s, l, a;
    c.getHslF(&h, &s, &l, &a);
    for (int i = 0; i < 100 && contrastRatio(c, background) < ratio; ++i) {
        l = std::clamp(l + (darkBackground ? 0.01f : -0.01f), 0.0f, 1.0f);
        c = QColor::fromHslF(h, s, l, a);
    }
    return c.toRgb();
}

QColor mix(const QColor& a, const QColor& b, double share) {
    const QColor x = a.toRgb(), y = b.toRgb();
    auto m = [share](float p, float q) { return float(p * (1 - share) + q * share); };
    return QColor::fromRgbF(m(x.redF(), y.redF()), m(x.greenF(), y.greenF()), m(x.blueF(), y.blueF()));
}

QColor errorTextColor(const QPalette& palette, QPalette::ColorRole background) {
    return withContrast(QColor(0xc0, 0x1c, 0x28), palette.color(background), kTextContrast);
}

}  // namespace qvblade::gui
