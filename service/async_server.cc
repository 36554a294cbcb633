#include "service/async_server.h"

#include <algorithm>
#include <mutex>
#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"

namespace wordloom::service {

// Calls asked for ahead, per method and thread: a call that arrives while
// none is asked for waits in gRPC until the next one is (each arrival asks
// for its successor at once).
constexpr int kCallsAskedPerMethod = 2;

static_assert(alignof(AsyncCall) >= 8, "tags keep the op in the 3 low bits of the address");

struct AsyncMethod {
  AsyncServer* server;
  AsyncMethodsBase* service;
  int index;
  std::string full_method;   // "/package.Service/Method"
  std::string metrics_name;  // "grpc/Method"
  AsyncServer::Factory make;
};

// The completion queue and its list of live calls.
struct CallQueue {
  std::unique_ptr<grpc::ServerCompletionQueue> cq;
  std::mutex mu;
  AsyncCall* calls = nullptr;  // guarded by mu

  void Link(AsyncCall* call) {
    std::lock_guard<std::mutex> lock(mu);
    call->next_ = calls;
    if (calls != nullptr) calls->prev_ = call;
    calls = call;
  }
  void Unlink(AsyncCall* call) {
    std::lock_guard<std::mutex> lock(mu);
    if (call->prev_ != nullptr) call->prev_->next_ = call->next_;
    if (call->next_ != nullptr) call->next_->prev_ = call->prev_;
    if (calls == call) calls = call->next_;
  }
};

const std::string& AsyncCall::full_method() const { return method_->full_method; }

const std::string& AsyncCall::metrics_name() const { return method_->metrics_name; }

absl::Status AsyncCall::UnparsableRequest() const {
  return absl::InvalidArgumentError(absl::StrCat(
      "the request to ", full_method(),
      " is not a valid protobuf message of its type (malformed bytes, or a string field that is "
      "not valid UTF-8)"));
}

bool AsyncCall::OnEvent(int op, bool ok) {
  std::lock_guard<std::mutex> lock(event_mu_);
  if (op == kArrived) {
    answered_ = true;
    // !ok: the server is shutting down and no call came. gRPC may or may
    // not deliver the done tag then too (grpc/grpc#10136); if it never
    // does, AsyncServer::Shutdown frees this call.
    if (!ok) return !done_;
    arrived_ = true;
    if (CountsAsWork()) method_->server->in_flight_->Begin();
    method_->server->Ask(method_);
    OnStart();
  } else if (op == kDone) {
    done_ = true;
    if (!answered_) return true;
    if (!arrived_) return false;
    OnCallDone(context_.IsCancelled());
  } else {
    pending_.fetch_sub(1, std::memory_order_acq_rel);
    OnOp(op, ok);
  }
  return !(done_ && finished_ && pending_.load(std::memory_order_acquire) == 0);
}

AsyncServer::AsyncServer(grpc::ServerBuilder* builder, int threads, InFlightCalls* in_flight)
    : queue_(std::make_unique<CallQueue>()),
      threads_wanted_(threads > 0
                          ? threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))),
      in_flight_(in_flight) {
  queue_->cq = builder->AddCompletionQueue();
}

AsyncServer::~AsyncServer() { Shutdown(); }

absl::Status AsyncServer::Add(AsyncMethodsBase* service, std::string_view service_name,
                              std::string_view method, bool raw, Factory make) {
  const google::protobuf::ServiceDescriptor* descriptor =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          std::string(service_name));
  const google::protobuf::MethodDescriptor* m =
      descriptor == nullptr ? nullptr : descriptor->FindMethodByName(std::string(method));
  if (m == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(service_name), " has no method ", std::string(method)));
  }
  service->Mark(m->index(), raw);
  methods_.push_back(std::make_unique<AsyncMethod>(
      AsyncMethod{this, service, m->index(),
                  absl::StrCat("/", std::string(service_name), "/", std::string(method)),
                  absl::StrCat("grpc/", std::string(method)), std::move(make)}));
  return absl::OkStatus();
}

void AsyncServer::Ask(const AsyncMethod* method) {
  AsyncCall* call = method->make();
  call->method_ = method;
  queue_->Link(call);
  // Makes IsCancelled() meaningful on this path (without it, it would pluck
  // from the queue, which a queue served by Next must not do).
  call->context_.AsyncNotifyWhenDone(call->Tag(AsyncCall::kDone));
  call->Ask(method->service, method->index, queue_->cq.get(), call->Tag(AsyncCall::kArrived));
}

void AsyncServer::Start() {
  started_ = true;
  for (const std::unique_ptr<AsyncMethod>& method : methods_) {
    for (int i = 0; i < kCallsAskedPerMethod * threads_wanted_; ++i) Ask(method.get());
  }
  for (int i = 0; i < threads_wanted_; ++i) threads_.emplace_back([this] { Serve(); });
}

void AsyncServer::Serve() {
  void* tag = nullptr;
  bool ok = false;
  while (queue_->cq->Next(&tag, &ok)) {
    const uintptr_t bits = reinterpret_cast<uintptr_t>(tag);
    auto* call = reinterpret_cast<AsyncCall*>(bits & ~uintptr_t{7});
    if (!call->OnEvent(static_cast<int>(bits & 7), ok)) {
      call->OnDelete();
      if (call->arrived_ && call->CountsAsWork()) in_flight_->End();
      queue_->Unlink(call);
      delete call;
    }
  }
}

void AsyncServer::Shutdown() {
  if (stopped_) return;
  stopped_ = true;
  queue_->cq->Shutdown();
  for (std::thread& thread : threads_) thread.join();
  void* tag = nullptr;
  bool ok = false;
  if (!started_) {
    while (queue_->cq->Next(&tag, &ok)) {
    }
  }
  // Calls asked for that never came (and whose done tag never will).
  while (queue_->calls != nullptr) {
    AsyncCall* call = queue_->calls;
    queue_->Unlink(call);
    delete call;
  }
}

}  // namespace wordloom::service
