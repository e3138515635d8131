// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/hexdumpview.h"

#include <QFontDatabase>
#include <QTextBlock>

#include <algorithm>

namespace qvblade::gui {

namespace {
constexpr int kPerLine = 16;
// "0000  " + 16 × "xx " with one more space after the eighth + " " + 16 ASCII characters.
constexpr int kHexStart = 6;
constexpr int kAsciiStart = kHexStart + kPerLine * 3 + 1 + 1;

int hexColumn(int i) { return kHexStart + i * 3 + (i >= 8 ? 1 : 0); }
}  // namespace

HexDumpView::HexDumpView(QWidget* parent) : QPlainTextEdit(parent) {
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
}

QString HexDumpView::dump(const QByteArray& bytes) {
    QStringList lines;
    for (qsizetype at = 0; at < bytes.size(); at += kPerLine) {
        QString line = QStringLiteral("%1  ").arg(at, 4, 16, QLatin1Char('0'));
        QString ascii;
        for (int i = 0; i < kPerLine; ++i) {
            if (i == 8) line += QLatin1Char(' ');
            if (at + i < bytes.size()) {
                const auto b = uchar(bytes[at + i]);
                line += QStringLiteral("%1 ").arg(b, 2, 16, QLatin1Char('0'));
                ascii += (b >= 0x20 && b < 0x7F) ? QChar(b) : QLatin1Char('.');
            } else {
                line += QStringLiteral("   ");
            }
        }
        lines << line + QLatin1Char(' ') + ascii;
    }
    return lines.join(QLatin1Char('\n'));
}

void HexDumpView::setBytes(const QByteArray& bytes) {
    bytes_ = bytes;
    setPlainText(dump(bytes));
    highlight(0, 0);
}

void HexDumpView::highlight(qsizetype offset, qsizetype length) {
    highlightOffset_ = std::clamp<qsizetype>(offset, 0, bytes_.size());
    highlightLength_ = std::clamp<qsizetype>(length, 0, bytes_.size() - highlightOffset_);
    QList<QTextEdit::ExtraSelection> selections;
    QTextCharFormat format;
    format.setBackground(palette().highlight());
    format.setForeground(palette().highlightedText());
    const qsizetype end = highlightOffset_ + highlightLength_;
    for (qsizetype at = highlightOffset_; at < end;) {
        const int line = int(at / kPerLine);
        const int first = int(at % kPerLine);
        const int last = int(std::min<qsizetype>(end - 1, qsizetype(line + 1) * kPerLine - 1) % kPerLine);
        const QTextBlock block = document()->findBlockByNumber(line);
        for (auto [from, to] : {std::pair{hexColumn(first), hexColumn(last) + 2}, {kAsciiStart + first, kAsciiStart + last + 1}}) {
            QTextEdit::ExtraSelection s;
            s.format = format;
            s.cursor = QTextCursor(block);
            s.cursor.setPosition(block.position() + from);
            s.cursor.setPosition(block.position() + to, QTextCursor::KeepAnchor);
            selections << s;
        }
        at = qsizetype(line + 1) * kPerLine;
    }
    setExtraSelections(selections);
    if (!selections.isEmpty()) {
        QTextCursor c = selections.first().cursor;
        c.clearSelection();
        setTextCursor(c);
        ensureCursorVisible();
    }
    setAccessibleDescription(highlightedHex());
}

QString HexDumpView::highlightedHex() const {
    // Read back from the highlighted text itself (the hex column's selections are the even
    // ones), so a test sees what the user sees.
    QStringList out;
    const QList<QTextEdit::ExtraSelection> selections = extraSelections();
    for (qsizetype i = 0; i < selections.size(); i += 2)
        out << selections[i].cursor.selectedText().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return out.join(QLatin1Char(' '));
}

}  // namespace qvblade::gui
