// Serves gRPC methods through gRPC's async completion-queue API: one
// completion queue served by one thread per core, each call an AsyncCall
// object whose operations come back to it as tagged events. (One queue for
// all threads rather than one each: with one each, a call whose connection
// belongs to the other thread's queue costs a wake-up of that thread, which
// made single-stream calls ~30% dearer; bench/RESULTS.md, Service.)
//
// Why not the callback API: on the same work, gRPC 1.51's callback API costs
// ~5-10 us more server CPU per unary call (a quarter of gRPC's own cost per
// call; bench/service/floor.sh, bench/RESULTS.md, Service), and as soon as
// one callback method is registered, its two "nexting" threads poll the same
// sockets and take that gain away again from the completion-queue methods.
// So every wordloomd method is served here (or synchronously, like
// reflection, which costs nothing while idle): unary calls by AsyncUnaryCall
// (unary_call.h), streams by the reactors of async_reactors.h.
//
//   class MyService : public AsyncMethods<v1::Foo::Service> {...};
//   AsyncServer calls(&builder, /*threads=*/0);        // before BuildAndStart
//   calls.Add(&my_service, "wordloom.v1.Foo", "Bar", [] { return new BarCall(...); });
//   server = builder.BuildAndStart();
//   calls.Start();
//   ...
//   server->Shutdown();   // then, and only then:
//   calls.Shutdown();
//
// Thread-safe after Start.
#ifndef WORDLOOM_SERVICE_ASYNC_SERVER_H_
#define WORDLOOM_SERVICE_ASYNC_SERVER_H_

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "grpcpp/grpcpp.h"
#include "service/in_flight_calls.h"

namespace wordloom::service {

class AsyncServer;

// A generated service whose methods are switched to async serving (`Mark`
// before the service is registered) and asked for by AsyncCall::Ask.
class AsyncMethodsBase {
 public:
  virtual ~AsyncMethodsBase() = default;
  // Marks method `index` (its position in the .proto service) async; `raw`:
  // its messages stay bytes (grpc::ByteBuffer).
  virtual void Mark(int index, bool raw) = 0;
  // Asks gRPC for the next call of method `index`, of the kind named.
  virtual void AskUnary(int index, grpc::ServerContext* ctx, grpc::ByteBuffer* request,
                        grpc::internal::ServerAsyncStreamingInterface* stream,
                        grpc::ServerCompletionQueue* cq, void* tag) = 0;
  virtual void AskStream(int index, grpc::ServerContext* ctx,
                         grpc::internal::ServerAsyncStreamingInterface* stream,
                         grpc::ServerCompletionQueue* cq, void* tag) = 0;
  virtual void AskServerStream(int index, grpc::ServerContext* ctx, grpc::ByteBuffer* request,
                               grpc::internal::ServerAsyncStreamingInterface* stream,
                               grpc::ServerCompletionQueue* cq, void* tag) = 0;
};

template <typename GeneratedService>
class AsyncMethods : public GeneratedService, public AsyncMethodsBase {
 public:
  void Mark(int index, bool raw) override {
    if (raw) {
      this->MarkMethodRaw(index);
    } else {
      this->MarkMethodAsync(index);
    }
  }
  void AskUnary(int index, grpc::ServerContext* ctx, grpc::ByteBuffer* request,
                grpc::internal::ServerAsyncStreamingInterface* stream,
                grpc::ServerCompletionQueue* cq, void* tag) override {
    this->RequestAsyncUnary(index, ctx, request, stream, cq, cq, tag);
  }
  void AskStream(int index, grpc::ServerContext* ctx,
                 grpc::internal::ServerAsyncStreamingInterface* stream,
                 grpc::ServerCompletionQueue* cq, void* tag) override {
    // Client and bidirectional streams are asked for alike.
    this->RequestAsyncBidiStreaming(index, ctx, stream, cq, cq, tag);
  }
  void AskServerStream(int index, grpc::ServerContext* ctx, grpc::ByteBuffer* request,
                       grpc::internal::ServerAsyncStreamingInterface* stream,
                       grpc::ServerCompletionQueue* cq, void* tag) override {
    this->RequestAsyncServerStreaming(index, ctx, request, stream, cq, cq, tag);
  }
};

// Where an AsyncCall's method lives, and the queue that serves all calls.
struct AsyncMethod;
struct CallQueue;

// One call of an async method, from the moment it is asked for to its end.
// Subclasses post their request in Ask() and their operations with Tag(op)
// (op 2..7); every completion comes back on a completion-queue thread, one
// at a time per call (OnStart / OnOp / OnCallDone never run concurrently for
// one call, though not always on the same thread), and the server deletes
// the call once it is over: the done tag is in, the final op (SetFinished)
// has completed and no op started with Pending() is left.
class AsyncCall {
 public:
  // Tags carry the op in the low 3 bits of the call's address.
  AsyncCall() = default;
  AsyncCall(const AsyncCall&) = delete;
  AsyncCall& operator=(const AsyncCall&) = delete;
  virtual ~AsyncCall() = default;

  grpc::ServerContext* context() { return &context_; }
  // "/package.Service/Method", and "grpc/Method" (its metrics series).
  const std::string& full_method() const;
  const std::string& metrics_name() const;
  // InvalidArgument for a request whose bytes are not the method's message.
  absl::Status UnparsableRequest() const;

 protected:
  static constexpr int kArrived = 0;
  static constexpr int kDone = 1;
  void* Tag(int op) { return reinterpret_cast<char*>(this) + op; }
  // Posts the request for the next call: `tag` = Tag(kArrived).
  virtual void Ask(AsyncMethodsBase* service, int index, grpc::ServerCompletionQueue* cq,
                   void* tag) = 0;
  // The call has arrived.
  virtual void OnStart() = 0;
  // Op `op` (>= 2) completed; SetFinished() once the final op has.
  virtual void OnOp(int op, bool ok) = 0;
  // The call is over on the wire (done tag); `cancelled` if it did not end
  // with a status the server sent.
  virtual void OnCallDone(bool cancelled) { (void)cancelled; }
  // Just before the server deletes the call.
  virtual void OnDelete() {}
  // False for open-ended streams that ask for no work (InFlightCalls).
  virtual bool CountsAsWork() const { return true; }

  // Count an op in flight; OnEvent uncounts it when it completes.
  void Pending() { pending_.fetch_add(1, std::memory_order_acq_rel); }
  // The final op (Finish) completed: the call may end.
  void SetFinished() { finished_ = true; }

 private:
  friend class AsyncServer;
  friend struct CallQueue;
  // Handles one completion; false once the call is over.
  bool OnEvent(int op, bool ok);

  grpc::ServerContext context_;
  std::mutex event_mu_;  // one event of this call at a time
  const AsyncMethod* method_ = nullptr;
  std::atomic<int> pending_{0};
  bool answered_ = false;  // the kArrived tag came back
  bool arrived_ = false;   // ... with a call
  bool done_ = false;
  bool finished_ = false;
  AsyncCall* prev_ = nullptr;  // the queue's list of live calls
  AsyncCall* next_ = nullptr;
};

class AsyncServer {
 public:
  using Factory = std::function<AsyncCall*()>;

  // Adds the completion queue to `builder`, to be served by `threads`
  // threads (0 = one per core). Before builder.BuildAndStart(). Calls are
  // counted in `in_flight` from arrival to end.
  AsyncServer(grpc::ServerBuilder* builder, int threads, InFlightCalls* in_flight);
  ~AsyncServer();  // Shutdown() if not done yet

  // Serves `service`'s method `method` of the .proto service `service_name`
  // with calls made by `make`; `raw`: its messages stay bytes. InvalidArgument
  // if there is no such method. Before the service is registered.
  absl::Status Add(AsyncMethodsBase* service, std::string_view service_name,
                   std::string_view method, bool raw, Factory make);

  // Asks for the first calls and starts the threads; after BuildAndStart.
  void Start();
  // Drains and joins after grpc::Server::Shutdown has returned (its calls
  // are over); frees the calls that never arrived. Idempotent.
  void Shutdown();

 private:
  friend class AsyncCall;
  // Asks gRPC for one more call of `method`.
  void Ask(const AsyncMethod* method);
  void Serve();

  const std::unique_ptr<CallQueue> queue_;
  const int threads_wanted_;
  InFlightCalls* const in_flight_;
  std::vector<std::unique_ptr<AsyncMethod>> methods_;
  std::vector<std::thread> threads_;
  bool started_ = false;
  bool stopped_ = false;
};

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_ASYNC_SERVER_H_
