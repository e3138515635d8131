// SPDX-License-Identifier: GPL-2.0-or-later
// The AoE engine on its own thread. Everything that touches the engine's exports or ports runs
// there (Engine::post); results come back to the Qt thread as queued calls on `receiver`.
#pragma once

#include <QMetaObject>
#include <QObject>

#include <functional>
#include <memory>
#include <thread>

#include "core/engine.h"

namespace qvblade::helper {

class EngineHost {
public:
    // `receiver` must outlive this object (the helper's server owns the host).
    explicit EngineHost(QObject* receiver);
    ~EngineHost();   // stops the engine (in-flight writes land, stores are flushed) and joins
    EngineHost(const EngineHost&) = delete;
    EngineHost& operator=(const EngineHost&) = delete;

    // Runs `task` on the engine thread, then `done` with its result on the receiver's thread.
    template <class R>
    void call(std::function<R(Engine&)> task, std::function<void(R)> done) {
        Engine* engine = engine_.get();
        QObject* receiver = receiver_;
        engine_->post([engine, receiver, task = std::move(task), done = std::move(done)]() mutable {
            auto result = std::make_shared<R>(task(*engine));
            QMetaObject::invokeMethod(receiver, [done = std::move(done), result] { done(std::move(*result)); },
                                      Qt::QueuedConnection);
        });
    }
    // Runs `task` on the engine thread, without an answer.
    void post(std::function<void(Engine&)> task);

    // True once the engine thread has ended (run() returned): nothing posted will run any more.
    bool stopped() const { return stopped_.load(); }
    const char* ioBackend() const { return engine_->ioBackend(); }
    void stop();

private:
    QObject* receiver_;
    std::unique_ptr<Engine> engine_;
    std::thread thread_;
    std::atomic<bool> stopped_{false};
};

}  // namespace qvblade::helper
