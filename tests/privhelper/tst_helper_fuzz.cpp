// SPDX-License-Identifier: GPL-2.0-or-later
// Malformed, truncated, oversized and out-of-order input against a spawned helper, in a loop
// bounded in count and time: the helper must not crash, must not leak a descriptor, must
// answer every readable request, and must keep serving another client all along.
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>

#include "privhelper/protocol/protocol.h"
#include "tests/privhelper/helper_fixture.h"

using namespace qvblade::test;
using namespace qvblade::helper;

namespace {

QByteArray frame(const QByteArray& body) {
    QByteArray f(4, 0);
    const auto n = uint32_t(body.size());
    f[0] = char(n >> 24), f[1] = char(n >> 16), f[2] = char(n >> 8), f[3] = char(n);
    return f + body;
}

QJsonValue randomValue(QRandomGenerator& rng, int depth = 0) {
    switch (rng.bounded(depth > 1 ? 7 : 9)) {
    case 0: return QJsonValue();
    case 1: return rng.bounded(2) == 1;
    case 2: return qint64(rng.bounded(-5, 70000));
    case 3: return rng.generateDouble() * 1e20 - 5e19;
    case 4: return 1.5;
    case 5: return QString(qsizetype(rng.bounded(0, 40)), QChar(u'a' + rng.bounded(26)));
    case 6: return QStringLiteral("qvbfz%1").arg(rng.bounded(3));   // never an existing interface
    case 7: {
        QJsonArray a;
        for (int i = 0, n = int(rng.bounded(4)); i < n; ++i) a << randomValue(rng, depth + 1);
        return a;
    }
    default: {
        QJsonObject o;
        o.insert("k", randomValue(rng, depth + 1));
        return o;
    }
    }
}

QJsonObject randomRequest(QRandomGenerator& rng, qint64& nextId) {
    // Every request type except the two with effects outside the helper (the host's rmem
    // sysctls, a capture file); both are validated in tst_helper.
    static const char* const kTypes[] = {"hello", "list-interfaces", "list-exports", "add-export", "remove-export",
                                         "pause-export", "resume-export", "subscribe-counters", "rmem-status",
                                         "stop-capture", "subscribe-frames", "subscribe-interfaces", "scan-network",
                                         "bogus", ""};
    static const char* const kKeys[] = {"shelf", "slot", "interfaces", "readOnly", "direct", "sync", "offset", "length",
                                        "macs", "bufferCount", "configString", "enabled", "maxPerSecond", "version", "interface", "x"};
    QJsonObject o;
    switch (rng.bounded(6)) {
    case 0: o.insert("id", randomValue(rng)); break;   // a bad id (or a good one by chance)
    case 1: break;                                     // no id
    default: o.insert("id", nextId++);
    }
    if (rng.bounded(8) != 0) o.insert("type", QString::fromLatin1(kTypes[rng.bounded(int(std::size(kTypes)))]));
    else o.insert("type", randomValue(rng));
    for (int i = 0, n = int(rng.bounded(6)); i < n; ++i)
        o.insert(QString::fromLatin1(kKeys[rng.bounded(int(std::size(kKeys)))]), randomValue(rng));
    if (rng.bounded(10) == 0) o.insert("ok", QJsonObject{});   // a "reply" from a client
    if (rng.bounded(10) == 0) o.insert("event", "counters");
    return o;
}

int connectTo(const QString& path) {
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    const QByteArray p = path.toLocal8Bit();
    std::memcpy(a.sun_path, p.constData(), size_t(p.size()));
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) < 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

}  // namespace

class TestHelperFuzz : public QObject {
    Q_OBJECT

    NetNs ns_;
    SpawnedHelper helper_;
    QTemporaryDir dir_;
    QString socket_;
    QString image_;

private Q_SLOTS:
    void initTestCase() {
        QString error;
        QVERIFY2(startListeningHelper(ns_, helper_, dir_, "f0", socket_, error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(socket_) || helper_.exited(), 5000);
        QVERIFY2(!helper_.exited(), qPrintable(helper_.stderrText()));
        image_ = dir_.filePath("disk.img");
        QFile f(image_);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.resize(1 << 20));
    }

    void cleanupTestCase() { helper_.stop(); }

    void fuzz() {
        HelperClient victim, bystander;
        victim.adoptSocket(helper_.takeClientFd());
        QString error;
        QVERIFY2(bystander.connectToPath(socket_, &error), qPrintable(error));
        QVERIFY(call(victim, "hello", {{"version", 1}}).ok);
        QVERIFY(call(bystander, "hello", {{"version", 1}}).ok);
        QVERIFY(call(victim, "list-exports").ok);
        QVERIFY(call(bystander, "list-exports").ok);
        const int baseline = helper_.openFds();

        // The bystander asks every 20 ms and counts its answers.
        int asked = 0, answered = 0;
        QTimer poll;
        connect(&poll, &QTimer::timeout, this, [&] {
            if (asked - answered > 5) return;   // it waits for answers, as a real client would
            ++asked;
            bystander.request("list-exports", {}, {}, [&](const Reply& r) {
                if (r.ok) ++answered;
            });
        });
        poll.start(20);

        QRandomGenerator rng(0x5eed);
        const int devnull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        const int imageRw = ::open(image_.toLocal8Bit().constData(), O_RDWR | O_CLOEXEC);
        int pipeFds[2];
        QVERIFY(::pipe2(pipeFds, O_CLOEXEC) == 0);
        const int candidates[] = {devnull, imageRw, pipeFds[0], pipeFds[1]};
        auto someFds = [&] {
            std::vector<int> fds;
            for (int i = 0, n = rng.bounded(4) == 0 ? int(rng.bounded(1, 6)) : 0; i < n; ++i)
                fds.push_back(candidates[rng.bounded(4)]);
            return fds;
        };

        QElapsedTimer t;
        t.start();
        qint64 nextId = 1000;
        int sent = 0, garbageConnections = 0;
        int unanswered = 0;
        QSet<qint64> expect;
        connect(&victim, &HelperClient::replyReceived, this, [&](const Reply& r) { expect.remove(r.id); });
        // At least 8000 messages and 2 s (so the bystander asks often), at most 30000 and 8 s.
        while ((sent < 8000 || t.elapsed() < 2000) && sent < 30000 && t.elapsed() < 8000) {
            const int kind = int(rng.bounded(10));
            if (kind < 6) {
                // A well-framed message: a random request, or JSON that is not a request.
                QJsonObject o = randomRequest(rng, nextId);
                const QByteArray json = QJsonDocument(o).toJson(QJsonDocument::Compact);
                QByteArray body = json;
                if (rng.bounded(8) == 0) body = body.left(int(rng.bounded(quint32(body.size()))));   // broken JSON
                if (rng.bounded(20) == 0) body = "[1,2,3]";
                // Ids past 2^53 are refused as unreadable (id null): only expect the plausible ones.
                if (body == json && o.value("id").isDouble() && o.value("id").toInteger() >= 1000 &&
                    o.value("id").toDouble() < 1e15)
                    expect.insert(o.value("id").toInteger());
                victim.sendRaw(frame(body), someFds());
            } else if (kind < 7) {
                victim.sendRaw(frame(""), someFds());                                      // empty
            } else if (kind < 8) {
                QByteArray huge(4, 0);                                                     // oversized, then its body
                const uint32_t n = uint32_t(kMaxMessageBytes) + 1 + rng.bounded(1000);
                huge[0] = char(n >> 24), huge[1] = char(n >> 16), huge[2] = char(n >> 8), huge[3] = char(n);
                victim.sendRaw(huge + QByteArray(qsizetype(n), 'x'), someFds());
            } else {
                // Garbage, truncated messages and stray descriptors on a connection of its own,
                // closed right away.
                const int fd = connectTo(socket_);
                QVERIFY(fd >= 0);
                HelperClient g;
                g.adoptSocket(fd);
                QByteArray junk(qsizetype(rng.bounded(1, 200)), 0);
                for (auto& c : junk) c = char(rng.bounded(256));
                if (rng.bounded(2)) junk = frame(R"({"id":1,"type":"hello","version":1})").left(int(rng.bounded(1, 30)));
                g.sendRaw(junk, someFds());
                QCoreApplication::processEvents();
                ++garbageConnections;
            }
            ++sent;
            if (sent % 50 == 0) QCoreApplication::processEvents();
            if (sent % 200 == 0) QTRY_VERIFY_WITH_TIMEOUT(expect.size() < 50, 10000);   // pace ourselves
        }
        // A last valid request: once it is answered, everything before it has been read.
        const Reply last = call(victim, "list-exports", {}, {}, 20000);
        QVERIFY2(last.ok, qPrintable(describe(last)));
        unanswered = int(expect.size());
        poll.stop();
        QTRY_VERIFY_WITH_TIMEOUT(answered == asked, 10000);
        ::close(devnull);
        ::close(imageRw);
        ::close(pipeFds[0]);
        ::close(pipeFds[1]);

        qInfo("%d messages, %d garbage connections in %lld ms; the bystander got %d answers", sent, garbageConnections,
              t.elapsed(), answered);
        QVERIFY(helper_.alive());
        QVERIFY(victim.isConnected());
        QCOMPARE(unanswered, 0);               // every request with an id got its reply
        QVERIFY(answered >= 20);               // the other client was served throughout
        QVERIFY(sent >= 500);
        QTRY_COMPARE_WITH_TIMEOUT(helper_.openFds(), baseline, 5000);   // garbage connections closed, no fd kept
        const Reply exports = call(bystander, "list-exports");
        QCOMPARE(exports.result.value("exports").toArray().size(), 0);   // nothing was exported by accident
    }
};

QTEST_GUILESS_MAIN(TestHelperFuzz)
#include "tst_helper_fuzz.moc"
