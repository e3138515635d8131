// SPDX-License-Identifier: GPL-2.0-or-later
// The kernel-side receive filter (core/receive_filter.h), run here by libpcap's own BPF
// interpreter on crafted frames: the same program the kernel runs on a port's socket.
#include <QtTest>

#include <memory>

#include "core/receive_filter.h"
#include "frame_builder.h"

using namespace qvblade;

namespace {

struct Filter {
    std::unique_ptr<pcap_t, decltype(&pcap_close)> pcap{pcap_open_dead(DLT_EN10MB, 65535), &pcap_close};
    bpf_program program{};
    explicit Filter(const std::vector<AoeAddress>& exported) {
        std::string error;
        if (!compileReceiveFilter(pcap.get(), exported, program, error)) qFatal("does not compile: %s", error.c_str());
    }
    ~Filter() { pcap_freecode(&program); }
    bool accepts(const std::vector<uint8_t>& frame) const {
        pcap_pkthdr h{};
        h.caplen = h.len = bpf_u_int32(frame.size());
        return pcap_offline_filter(&program, &h, frame.data()) != 0;
    }
};

std::vector<uint8_t> request(uint16_t shelf, uint8_t slot) {
    return test::configRequest(aoe::ConfigCmd::Read, "", shelf, slot);
}

}  // namespace

class TestReceiveFilter : public QObject {
    Q_OBJECT
private slots:
    void acceptsRequestsForExportedAddressesAndBroadcasts() {
        const Filter f({{9, 0}, {9, 3}, {12, 1}});
        for (auto [shelf, slot] : std::vector<std::pair<uint16_t, uint8_t>>{
                 {9, 0}, {9, 3}, {12, 1}, {9, 255}, {12, 255}, {0xFFFF, 0}, {0xFFFF, 1}, {0xFFFF, 3}, {0xFFFF, 255}})
            QVERIFY2(f.accepts(request(shelf, slot)), qPrintable(QString("e%1.%2").arg(shelf).arg(slot)));
        QVERIFY(f.accepts(test::ataRequest(0x24, 0, 1, true, {}, 12, 1)));
    }

    void rejectsOtherAddresses() {
        const Filter f({{9, 0}, {9, 3}, {12, 1}});
        for (auto [shelf, slot] : std::vector<std::pair<uint16_t, uint8_t>>{
                 {9, 1}, {12, 0}, {12, 3}, {10, 0}, {10, 255}, {0, 0}, {0xFFFF, 2}, {0xFFFE, 255}})
            QVERIFY2(!f.accepts(request(shelf, slot)), qPrintable(QString("e%1.%2").arg(shelf).arg(slot)));
    }

    void passesOtherTargetsResponsesForExportedAddressesOnly() {
        // Another target answering as one of ours (core/address_probe.h): the engine reports it.
        const Filter f({{9, 0}, {9, 3}, {12, 1}});
        for (auto [shelf, slot] : std::vector<std::pair<uint16_t, uint8_t>>{{9, 0}, {9, 3}, {12, 1}}) {
            auto response = request(shelf, slot);
            response[aoe::off::kVerFlags] |= 0x08;
            QVERIFY2(f.accepts(response), qPrintable(QString("e%1.%2").arg(shelf).arg(slot)));
        }
        // Responses for other addresses, and for broadcast ones (a response carries the
        // responder's real address), are someone else's business.
        for (auto [shelf, slot] : std::vector<std::pair<uint16_t, uint8_t>>{
                 {9, 1}, {9, 255}, {12, 255}, {0xFFFF, 0}, {0xFFFF, 255}, {10, 0}}) {
            auto response = request(shelf, slot);
            response[aoe::off::kVerFlags] |= 0x08;
            QVERIFY2(!f.accepts(response), qPrintable(QString("e%1.%2").arg(shelf).arg(slot)));
        }
    }

    void theProbeFilterPassesOnlyResponsesForItsAddresses() {
        std::unique_ptr<pcap_t, decltype(&pcap_close)> pcap{pcap_open_dead(DLT_EN10MB, 65535), &pcap_close};
        bpf_program program{};
        std::string error;
        QVERIFY2(compileFilter(pcap.get(), responseFilterExpression({{3, 3}, {3, 4}}), program, error), error.c_str());
        auto accepts = [&](std::vector<uint8_t> frame) {
            pcap_pkthdr h{};
            h.caplen = h.len = bpf_u_int32(frame.size());
            return pcap_offline_filter(&program, &h, frame.data()) != 0;
        };
        auto response = [](uint16_t shelf, uint8_t slot) {
            auto r = request(shelf, slot);
            r[aoe::off::kVerFlags] |= 0x08;
            return r;
        };
        QVERIFY(accepts(response(3, 3)));
        QVERIFY(accepts(response(3, 4)));
        QVERIFY(!accepts(response(3, 5)));
        QVERIFY(!accepts(response(3, 255)));
        QVERIFY(!accepts(request(3, 3)));   // a request is not an answer (another prober's)
        auto tooShort = response(3, 3);
        tooShort.resize(aoe::off::kArg - 1);
        QVERIFY(!accepts(tooShort));
        pcap_freecode(&program);
    }

    void rejectsOtherProtocols() {
        const Filter f({{9, 0}});
        auto ipv4 = request(9, 0);
        ipv4[12] = 0x08, ipv4[13] = 0x00;
        QVERIFY(!f.accepts(ipv4));
    }

    void passesAoeFramesTooShortForAnAddress() {
        // The engine counts them as malformed; they cannot be for another target's address.
        const Filter f({{9, 0}});
        auto shortFrame = request(7, 7);
        shortFrame.resize(aoe::off::kArg - 1);
        QVERIFY(f.accepts(shortFrame));
        shortFrame.resize(16);
        QVERIFY(f.accepts(shortFrame));
        shortFrame[12] = 0x08, shortFrame[13] = 0x00;
        QVERIFY(!f.accepts(shortFrame));
    }

    void withoutAddressesAcceptsEveryAoeFrame() {
        QCOMPARE(receiveFilterExpression({}), std::string(kAllAoeFrames));
        const Filter f({});
        QVERIFY(f.accepts(request(1, 2)));
        auto response = request(1, 2);
        response[aoe::off::kVerFlags] |= 0x08;
        QVERIFY(f.accepts(response));   // the engine counts it as ignored
    }

    void theLargestFilterFitsTheKernel() {
        // Each address on a shelf of its own is the longest program: the kernel takes at most
        // 4096 instructions (BPF_MAXINSNS).
        std::vector<AoeAddress> many;
        for (size_t i = 0; i < kMaxFilteredAddresses; ++i) many.push_back({uint16_t(i * 3), uint8_t(i % 255)});
        const Filter f(many);
        qInfo("%u instructions", f.program.bf_len);
        QVERIFY2(f.program.bf_len <= 4096, qPrintable(QString::number(f.program.bf_len)));
        QVERIFY(f.accepts(request(many.back().shelf, many.back().slot)));
        QVERIFY(!f.accepts(request(uint16_t(many.back().shelf + 1), many.back().slot)));

        many.push_back({60000, 1});
        QCOMPARE(receiveFilterExpression(many), std::string(kAllAoeFrames));
    }

    void duplicatesCountOnce() {
        std::vector<AoeAddress> same(kMaxFilteredAddresses + 1, AoeAddress{4, 4});
        QVERIFY(receiveFilterExpression(same) != kAllAoeFrames);
    }
};

QTEST_GUILESS_MAIN(TestReceiveFilter)
#include "tst_receive_filter.moc"
