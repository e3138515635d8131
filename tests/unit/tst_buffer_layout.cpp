// SPDX-License-Identifier: GPL-2.0-or-later
// The engine's reply buffers keep every copy the kernel makes to or from them out of the 4K-aliasing
// window (core/buffer_layout.h), while staying aligned enough for direct I/O.
#include <QtTest>

#include "core/aoe_wire.h"
#include "core/buffer_layout.h"

using namespace qvblade;

namespace {

// Reads and writes through the page cache copy between a page-cache page and the data area at
// `data` (a page offset): file positions are whole sectors.
void checkPageCacheCopies(size_t data) {
    for (size_t filePosition = 0; filePosition < kPageBytes; filePosition += 512) {
        QVERIFY2(!isSlowCopyDistance(copyDistance(data, filePosition)), "page cache -> data (read)");
        QVERIFY2(!isSlowCopyDistance(copyDistance(filePosition, data)), "data -> page cache (write)");
    }
}

}  // namespace

class TestBufferLayout : public QObject {
    Q_OBJECT
private slots:
    void distanceIsDestinationAheadOfSourceModuloAPage() {
        QCOMPARE(copyDistance(0, 4074), size_t(22));   // page-aligned data: frame + 14 is 22 bytes short of a page
        QCOMPARE(copyDistance(4096 + 100, 100), size_t(0));
        QCOMPARE(copyDistance(100, 4096 + 101), size_t(4095));
        QVERIFY(isSlowCopyDistance(22));
        QVERIFY(!isSlowCopyDistance(0));
        QVERIFY(!isSlowCopyDistance(2070));
    }
    // The device transfers straight into a direct store's data area: page-aligned, it suits any
    // device's alignment and a transfer of a page is one page (one DMA segment, not two).
    void directDataIsPageAligned() {
        const size_t start = replyDataOffset(true);
        QCOMPARE(start % kPageBytes, size_t(0));
        QCOMPARE(start / kPageBytes, (start + kPageBytes - 1) / kPageBytes);   // a page-sized transfer: one page
    }
    // Its replies go out with the 36 header bytes in the skb's head (the send socket's virtio-net
    // header), so the kernel copies the data to page offset 0: not in the slow window.
    void directRepliesCopyOutsideTheSlowWindow() {
        QVERIFY(!isSlowCopyDistance(copyDistance(0, replyDataOffset(true))));
        checkPageCacheCopies(replyDataOffset(true));
    }
    void copiesOfBufferedExportsAvoidTheSlowWindow() {
        const size_t data = replyDataOffset(false);
        const size_t frame = data + kPageBytes - aoe::off::kAtaData;   // the header precedes the data
        // A jumbo reply: the kernel copies from frame + 14 to the start of a fresh page.
        const size_t afterEthernet = frame + aoe::off::kVerFlags;
        QVERIFY2(!isSlowCopyDistance(copyDistance(0, afterEthernet)),
                 qPrintable(QStringLiteral("reply copy distance %1").arg(copyDistance(0, afterEthernet))));
        checkPageCacheCopies(data);
    }
};

QTEST_APPLESS_MAIN(TestBufferLayout)
#include "tst_buffer_layout.moc"
