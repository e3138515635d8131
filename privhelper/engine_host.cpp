// SPDX-License-Identifier: GPL-2.0-or-later
#include "privhelper/engine_host.h"

#include <QDebug>

namespace qvblade::helper {

EngineHost::EngineHost(QObject* receiver)
    : receiver_(receiver), engine_(std::make_unique<Engine>(EngineOptions{.asyncIo = true, .nullStore = false})) {
    thread_ = std::thread([this] {
        if (!engine_->run()) qWarning("qvblade-helper: flushing the exported files failed: data may not be on stable storage");
        stopped_.store(true);
    });
}

EngineHost::~EngineHost() { stop(); }

void EngineHost::stop() {
    if (!thread_.joinable()) return;
    engine_->requestStop();
    thread_.join();
}

void EngineHost::post(std::function<void(Engine&)> task) {
    Engine* engine = engine_.get();
    engine_->post([engine, task = std::move(task)] { task(*engine); });
}

}  // namespace qvblade::helper
