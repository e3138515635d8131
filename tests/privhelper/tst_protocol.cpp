// SPDX-License-Identifier: GPL-2.0-or-later
// The framing and descriptor passing of the helper protocol over real socket pairs, the
// reader against malformed and random input, and HelperClient against an in-process peer.
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QtTest>

#include "privhelper/protocol/helper_client.h"
#include "privhelper/protocol/message_io.h"
#include "privhelper/protocol/protocol.h"
#include "tests/privhelper/fd_count.h"

using namespace qvblade::helper;
using qvblade::test::openFdCount;

namespace {

struct SocketPair {
    int fd[2] = {-1, -1};
    SocketPair() { QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, fd) == 0); }
    ~SocketPair() {
        for (int f : fd)
            if (f >= 0) ::close(f);
    }
};

QByteArray frame(const QByteArray& body) {
    QByteArray f(4, 0);
    const auto n = uint32_t(body.size());
    f[0] = char(n >> 24), f[1] = char(n >> 16), f[2] = char(n >> 8), f[3] = char(n);
    return f + body;
}

bool isOpen(int fd) { return ::fcntl(fd, F_GETFD) >= 0; }

ino_t inode(int fd) {
    struct stat st {};
    ::fstat(fd, &st);
    return st.st_ino;
}

// Reads until `count` messages arrived or a second passed.
std::vector<Incoming> readMessages(MessageReader& r, int fd, size_t count) {
    std::vector<Incoming> out;
    QElapsedTimer t;
    t.start();
    while (out.size() < count && t.elapsed() < 1000) {
        if (r.readFrom(fd, out) != MessageReader::Status::Open) break;
        if (out.size() < count) ::usleep(1000);
    }
    return out;
}

}  // namespace

class TestProtocol : public QObject {
    Q_OBJECT
private slots:
    void roundTripOverASocketPair() {
        SocketPair sp;
        MessageWriter w;
        const QJsonObject a{{"id", 1}, {"type", "hello"}, {"version", kProtocolVersion}, {"client", QString::fromUtf8("grüße ✓")}};
        const QJsonObject b{{"event", "counters"}, {"exports", QJsonArray{1, 2, 3}}};
        QVERIFY(w.enqueue(a));
        QVERIFY(w.enqueue(b));
        QCOMPARE(w.flushTo(sp.fd[0]), MessageWriter::Status::Done);
        MessageReader r;
        auto in = readMessages(r, sp.fd[1], 2);
        QCOMPARE(in.size(), size_t(2));
        QVERIFY(in[0].valid && in[1].valid);
        QCOMPARE(in[0].object, a);
        QCOMPARE(in[1].object, b);
        QVERIFY(in[0].fds.empty());
        QCOMPARE(r.partialBytes(), size_t(0));
    }

    void aMessageAtTheLimitPassesOneByteMoreDoesNot() {
        // {"p":"xxx..."} is 8 bytes of JSON around the string.
        const QJsonObject atLimit{{"p", QString(qsizetype(kMaxMessageBytes - 8), QChar('x'))}};
        const QByteArray framed = MessageWriter::encode(atLimit);
        QCOMPARE(size_t(framed.size()), kMaxMessageBytes + 4);
        const QJsonObject over{{"p", QString(qsizetype(kMaxMessageBytes - 7), QChar('x'))}};
        QVERIFY(MessageWriter::encode(over).isEmpty());
        MessageWriter w;
        QVERIFY(!w.enqueue(over));
        QVERIFY(w.idle());

        // Sent one byte at a time, it still arrives whole.
        MessageReader r;
        std::vector<Incoming> out;
        for (char c : framed) r.feed(&c, 1, {}, out);
        QCOMPARE(out.size(), size_t(1));
        QVERIFY(out[0].valid);
        QCOMPARE(out[0].object, atLimit);
    }

    void oversizedEmptyAndInvalidMessagesAreReportedAndTheStreamGoesOn() {
        MessageReader r;
        std::vector<Incoming> out;
        QByteArray stream;
        QByteArray huge(4, 0);
        const uint32_t n = uint32_t(kMaxMessageBytes) + 1;
        huge[0] = char(n >> 24), huge[1] = char(n >> 16), huge[2] = char(n >> 8), huge[3] = char(n);
        stream += huge + QByteArray(qsizetype(n), '{');
        stream += frame("");
        stream += frame("{not json");
        stream += frame("[1,2]");
        stream += frame("{\"id\":7}");
        r.feed(stream.constData(), size_t(stream.size()), {}, out);
        QCOMPARE(out.size(), size_t(5));
        QCOMPARE(out[0].errorCode, QString(err::kTooLarge));
        QCOMPARE(out[1].errorCode, QString(err::kBadMessage));
        QCOMPARE(out[2].errorCode, QString(err::kBadMessage));
        QCOMPARE(out[3].errorCode, QString(err::kBadMessage));
        QVERIFY(out[4].valid);
        QCOMPARE(out[4].object.value("id").toInt(), 7);
    }

    void aDescriptorTravelsWithItsMessage() {
        SocketPair sp;
        QTemporaryFile file;
        QVERIFY(file.open());
        const int fd = ::open(file.fileName().toLocal8Bit().constData(), O_RDONLY | O_CLOEXEC);
        QVERIFY(fd >= 0);
        const int before = openFdCount();
        {
            MessageWriter w;
            QVERIFY(w.enqueue(QJsonObject{{"id", 1}}));
            QVERIFY(w.enqueue(QJsonObject{{"id", 2}, {"type", "add-export"}}, [&] {
                std::vector<UniqueFd> v;
                v.emplace_back(duplicateFd(fd));
                return v;
            }()));
            QVERIFY(w.enqueue(QJsonObject{{"id", 3}}));
            QCOMPARE(w.flushTo(sp.fd[0]), MessageWriter::Status::Done);
            MessageReader r;
            auto in = readMessages(r, sp.fd[1], 3);
            QCOMPARE(in.size(), size_t(3));
            QVERIFY(in[0].fds.empty());
            QCOMPARE(in[1].fds.size(), size_t(1));
            QVERIFY(in[2].fds.empty());
            QCOMPARE(inode(in[1].fds[0].get()), inode(fd));
            QVERIFY(::fcntl(in[1].fds[0].get(), F_GETFD) & FD_CLOEXEC);
        }
        QCOMPARE(openFdCount(), before);   // the writer's copy and the received one are closed
        ::close(fd);
    }

    void descriptorsArrivingWithAPartialMessage() {
        // The first byte of a message with its descriptor, the rest much later.
        SocketPair sp;
        const int before = openFdCount();
        {
            int p[2];
            QVERIFY(::pipe2(p, O_CLOEXEC) == 0);
            UniqueFd pr(p[0]), pw(p[1]);
            const QByteArray m = frame("{\"id\":5}");
            char c = m[0];
            iovec iov{&c, 1};
            alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
            msghdr msg{};
            msg.msg_iov = &iov;
            msg.msg_iovlen = 1;
            msg.msg_control = control;
            msg.msg_controllen = sizeof control;
            cmsghdr* cm = CMSG_FIRSTHDR(&msg);
            cm->cmsg_level = SOL_SOCKET;
            cm->cmsg_type = SCM_RIGHTS;
            cm->cmsg_len = CMSG_LEN(sizeof(int));
            std::memcpy(CMSG_DATA(cm), &p[1], sizeof(int));
            QCOMPARE(::sendmsg(sp.fd[0], &msg, 0), ssize_t(1));
            MessageReader r;
            std::vector<Incoming> out;
            QCOMPARE(r.readFrom(sp.fd[1], out), MessageReader::Status::Open);
            QVERIFY(out.empty());
            QCOMPARE(r.partialBytes(), size_t(1));
            QCOMPARE(::write(sp.fd[0], m.constData() + 1, size_t(m.size() - 1)), ssize_t(m.size() - 1));
            out = readMessages(r, sp.fd[1], 1);
            QCOMPARE(out.size(), size_t(1));
            QCOMPARE(out[0].fds.size(), size_t(1));
            QCOMPARE(inode(out[0].fds[0].get()), inode(pw.get()));
        }
        QCOMPARE(openFdCount(), before);
    }

    void descriptorsGoToTheLastMessageStartingInTheirChunk() {
        const QByteArray a = frame("{\"id\":1}"), b = frame("{\"id\":2}");
        int p[2];
        QVERIFY(::pipe2(p, O_CLOEXEC) == 0);
        UniqueFd keep(p[0]);
        const int sent = p[1];
        MessageReader r;
        std::vector<Incoming> out;
        // Chunk 1: the first half of A. Chunk 2: the rest of A and all of B, with a descriptor.
        r.feed(a.constData(), 3, {}, out);
        std::vector<UniqueFd> fds;
        fds.emplace_back(sent);
        const QByteArray rest = a.mid(3) + b;
        r.feed(rest.constData(), size_t(rest.size()), std::move(fds), out);
        QCOMPARE(out.size(), size_t(2));
        QVERIFY(out[0].fds.empty());
        QCOMPARE(out[1].fds.size(), size_t(1));
        out.clear();
        QVERIFY(!isOpen(sent));

        // A descriptor on a chunk in which no message starts is stray: closed at once.
        QVERIFY(::pipe2(p, O_CLOEXEC) == 0);
        UniqueFd keep2(p[0]);
        const int stray = p[1];
        r.feed(a.constData(), 5, {}, out);
        fds.clear();
        fds.emplace_back(stray);
        r.feed(a.constData() + 5, 2, std::move(fds), out);
        QVERIFY(!isOpen(stray));
        r.feed(a.constData() + 7, size_t(a.size() - 7), {}, out);
        QCOMPARE(out.size(), size_t(1));
        QVERIFY(out[0].fds.empty());
    }

    void anOversizedMessageClosesItsDescriptors() {
        int p[2];
        QVERIFY(::pipe2(p, O_CLOEXEC) == 0);
        UniqueFd keep(p[0]);
        const int fd = p[1];
        MessageReader r;
        std::vector<Incoming> out;
        QByteArray big(4, 0);
        big[1] = 0x10;   // 1 MiB
        std::vector<UniqueFd> fds;
        fds.emplace_back(fd);
        r.feed(big.constData(), 4, std::move(fds), out);
        QVERIFY(isOpen(fd));   // held by the message in progress
        const QByteArray body(1 << 20, 'x');
        r.feed(body.constData(), size_t(body.size()), {}, out);
        QCOMPARE(out.size(), size_t(1));
        QCOMPARE(out[0].errorCode, QString(err::kTooLarge));
        out.clear();
        QVERIFY(!isOpen(fd));
    }

    void randomInputNeverCrashesOrLeaks() {
        const int before = openFdCount();
        QRandomGenerator rng(4242);
        QElapsedTimer t;
        t.start();
        int rounds = 0;
        {
            MessageReader r;
            for (; rounds < 20000 && t.elapsed() < 3000; ++rounds) {
                std::vector<Incoming> out;
                QByteArray chunk;
                switch (rng.bounded(4)) {
                case 0: {   // random bytes
                    chunk.resize(rng.bounded(64));
                    for (auto& c : chunk) c = char(rng.bounded(256));
                    break;
                }
                case 1:     // a valid message, possibly split
                    chunk = frame("{\"id\":" + QByteArray::number(rounds) + "}");
                    break;
                case 2: {   // a small random length with random JSON-ish body
                    QByteArray body(int(rng.bounded(20)), '{');
                    chunk = frame(body);
                    break;
                }
                default:    // a truncated header
                    chunk = QByteArray(int(rng.bounded(1, 4)), char(0));
                }
                std::vector<UniqueFd> fds;
                if (rng.bounded(5) == 0) fds.emplace_back(::open("/dev/null", O_RDONLY | O_CLOEXEC));
                const size_t cut = chunk.isEmpty() ? 0 : rng.bounded(quint32(chunk.size()));
                r.feed(chunk.constData(), cut, std::move(fds), out);
                r.feed(chunk.constData() + cut, size_t(chunk.size()) - cut, {}, out);
                QVERIFY(r.partialBytes() <= kMaxMessageBytes + 4);
            }
        }
        QVERIFY(rounds > 100);
        QCOMPARE(openFdCount(), before);
    }

    void clientRequestsRepliesEventsAndDisconnect() {
        int sv[2];
        QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, sv) == 0);
        UniqueFd peer(sv[1]);
        HelperClient client;
        client.adoptSocket(sv[0]);
        QSignalSpy events(&client, &HelperClient::eventReceived);
        QSignalSpy gone(&client, &HelperClient::disconnected);

        Reply helloReply, pendingReply;
        bool gotHello = false, gotPending = false;
        const qint64 id = client.hello("test", [&](const Reply& r) { helloReply = r; gotHello = true; });
        QCOMPARE(id, qint64(1));
        int memfd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        const qint64 id2 = client.request("add-export", {{"shelf", 1}}, {memfd},
                                          [&](const Reply& r) { pendingReply = r; gotPending = true; });
        ::close(memfd);   // the client keeps a duplicate until it is sent

        MessageReader r;
        std::vector<Incoming> in;
        QTRY_VERIFY((r.readFrom(peer.get(), in), in.size() == 2));
        QCOMPARE(in[0].object.value("type").toString(), QString("hello"));
        QCOMPARE(in[0].object.value("version").toInt(), kProtocolVersion);
        QCOMPARE(in[1].object.value("id").toInteger(), id2);
        QCOMPARE(in[1].fds.size(), size_t(1));

        MessageWriter w;
        w.enqueue({{"event", "counters"}, {"n", 1}});
        w.enqueue({{"id", id}, {"ok", QJsonObject{{"version", 1}}}});
        QCOMPARE(w.flushTo(peer.get()), MessageWriter::Status::Done);
        QTRY_VERIFY(gotHello);
        QVERIFY(helloReply.ok);
        QCOMPARE(helloReply.result.value("version").toInt(), 1);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0][0].toString(), QString("counters"));

        // The peer goes away: the waiting request is told, once.
        peer.reset();
        QTRY_VERIFY(gotPending);
        QVERIFY(!pendingReply.ok);
        QCOMPARE(pendingReply.errorCode, QString("disconnected"));
        QCOMPARE(gone.size(), 1);
        QVERIFY(!client.isConnected());
        QCOMPARE(client.request("list-exports"), qint64(-1));
    }
};

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
