// gRPC's own cost per unary call, without wordloom: a server whose
// TextAnalytics/ClassifyText burns SPIN_US microseconds of thread CPU (a
// stand-in for the library's work) and answers one fixed class, served by
// gRPC 1.51's callback API or by async completion queues. bench/service/
// floor.sh drives it with service_grpc_load; the server CPU per call minus
// SPIN_US is what gRPC costs at that load. This is how wordloomd's switch to
// completion queues (service/async_server.h) was decided.
//
//   service_grpc_floor MODE PORT [SPIN_US=0] [THREADS=2]
//   MODE: callback          the callback API
//         async             one completion queue, THREADS threads
//         async+callback    the same with an idle callback service registered
//                           too (its "nexting" threads poll the same sockets)
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "grpcpp/grpcpp.h"
#include "proto/wordloom/v1/models.grpc.pb.h"
#include "proto/wordloom/v1/text_analytics.grpc.pb.h"

namespace wordloom::bench {
namespace {

namespace v1 = wordloom::v1;

int64_t ThreadCpuNanos() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

// Burns `us` microseconds of this thread's CPU.
void Spin(int us) {
  const int64_t end = ThreadCpuNanos() + us * 1000LL;
  volatile uint32_t x = 0;
  while (ThreadCpuNanos() < end) {
    for (int i = 0; i < 100; ++i) x = x * 31 + i;
  }
}

void Answer(int spin_us, const v1::ClassifyTextRequest& request,
            v1::ClassifyTextResponse* response) {
  Spin(spin_us);
  v1::ClassLabel* label = response->add_classes();
  label->set_name("floor");
  label->set_score(static_cast<float>(request.text().size()));
}

class CallbackFloor final : public v1::TextAnalytics::CallbackService {
 public:
  explicit CallbackFloor(int spin_us) : spin_us_(spin_us) {}
  grpc::ServerUnaryReactor* ClassifyText(grpc::CallbackServerContext* ctx,
                                         const v1::ClassifyTextRequest* request,
                                         v1::ClassifyTextResponse* response) override {
    Answer(spin_us_, *request, response);
    grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

 private:
  const int spin_us_;
};

// One ClassifyText call on the completion queue: asked for, answered, freed.
class AsyncFloorCall {
 public:
  AsyncFloorCall(v1::TextAnalytics::AsyncService* service, grpc::ServerCompletionQueue* cq,
                 int spin_us)
      : service_(service), cq_(cq), spin_us_(spin_us) {
    service_->RequestClassifyText(&ctx_, &request_, &writer_, cq_, cq_, this);
  }
  void Proceed(bool ok) {
    if (answered_ || !ok) {
      delete this;
      return;
    }
    new AsyncFloorCall(service_, cq_, spin_us_);
    Answer(spin_us_, request_, &response_);
    answered_ = true;
    writer_.Finish(response_, grpc::Status::OK, this);
  }

 private:
  v1::TextAnalytics::AsyncService* const service_;
  grpc::ServerCompletionQueue* const cq_;
  const int spin_us_;
  grpc::ServerContext ctx_;
  v1::ClassifyTextRequest request_;
  v1::ClassifyTextResponse response_;
  grpc::ServerAsyncResponseWriter<v1::ClassifyTextResponse> writer_{&ctx_};
  bool answered_ = false;
};

int Main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s callback|async|async+callback PORT [SPIN_US] [THREADS]\n",
                 argv[0]);
    return 2;
  }
  const std::string mode = argv[1];
  const int spin_us = argc > 3 ? std::atoi(argv[3]) : 0;
  const int threads = argc > 4 ? std::atoi(argv[4]) : 2;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(std::string("127.0.0.1:") + argv[2],
                           grpc::InsecureServerCredentials(), &port);
  CallbackFloor callback(spin_us);
  v1::TextAnalytics::AsyncService async;
  v1::Models::CallbackService idle;  // every method UNIMPLEMENTED; never called
  std::unique_ptr<grpc::ServerCompletionQueue> cq;
  if (mode == "callback") {
    builder.RegisterService(&callback);
  } else if (mode == "async" || mode == "async+callback") {
    builder.RegisterService(&async);
    if (mode == "async+callback") builder.RegisterService(&idle);
    cq = builder.AddCompletionQueue();
  } else {
    std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
    return 2;
  }
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr) return 1;
  std::fprintf(stderr, "listening on %d\n", port);
  if (cq == nullptr) {
    server->Wait();
    return 0;
  }
  for (int i = 0; i < 16 * threads; ++i) new AsyncFloorCall(&async, cq.get(), spin_us);
  std::vector<std::thread> pollers;
  for (int t = 0; t < threads; ++t) {
    pollers.emplace_back([&cq] {
      void* tag = nullptr;
      bool ok = false;
      while (cq->Next(&tag, &ok)) static_cast<AsyncFloorCall*>(tag)->Proceed(ok);
    });
  }
  for (std::thread& poller : pollers) poller.join();
  return 0;
}

}  // namespace
}  // namespace wordloom::bench

int main(int argc, char** argv) { return wordloom::bench::Main(argc, argv); }
