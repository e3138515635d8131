// SPDX-License-Identifier: GPL-2.0-or-later
// A read-only hex dump of a frame's bytes (offset, 16 bytes in hex, the same as ASCII), with one
// byte range highlighted in both columns, as Wireshark's bytes pane shows the selected field.
#pragma once

#include <QByteArray>
#include <QPlainTextEdit>

namespace qvblade::gui {

class HexDumpView : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit HexDumpView(QWidget* parent = nullptr);

    void setBytes(const QByteArray& bytes);
    QByteArray bytes() const { return bytes_; }
    // Highlights [offset, offset+length) (clipped to the bytes shown); length 0 clears it.
    void highlight(qsizetype offset, qsizetype length);
    // What is highlighted in the hex column, bytes separated by spaces ("01 02 03 04"); for tests
    // and for the accessible description.
    QString highlightedHex() const;

    static QString dump(const QByteArray& bytes);

private:
    QByteArray bytes_;
    qsizetype highlightOffset_ = 0, highlightLength_ = 0;
};

}  // namespace qvblade::gui
