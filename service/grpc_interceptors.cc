#include "service/grpc_interceptors.h"

#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"

namespace wordloom::service {
namespace {

using grpc::experimental::InterceptionHookPoints;

class BadRequestInterceptor final : public grpc::experimental::Interceptor {
 public:
  BadRequestInterceptor(const char* method, Metrics* metrics)
      : method_(method == nullptr ? "" : method), metrics_(metrics) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    // gRPC sets the received message to null when it could not be parsed.
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE) &&
        methods->GetRecvMessage() == nullptr) {
      unparsable_ = true;
    }
    if (unparsable_ &&
        methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS) &&
        methods->GetSendStatus().error_code() == grpc::StatusCode::UNIMPLEMENTED) {
      methods->ModifySendStatus(grpc::Status(
          grpc::StatusCode::INVALID_ARGUMENT,
          absl::StrCat("the request to ", method_,
                       " is not a valid protobuf message of its type (malformed bytes, or a "
                       "string field that is not valid UTF-8)")));
      // "/wordloom.v1.TextAnalytics/Tokenize" counts as "grpc/Tokenize".
      metrics_->Record(absl::StrCat("grpc/", method_.substr(method_.rfind('/') + 1)),
                       absl::StatusCode::kInvalidArgument, 0);
    }
    methods->Proceed();
  }

 private:
  const std::string method_;
  Metrics* const metrics_;
  bool unparsable_ = false;
};

class BadRequestInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit BadRequestInterceptorFactory(Metrics* metrics) : metrics_(metrics) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new BadRequestInterceptor(info->method(), metrics_);
  }

 private:
  Metrics* const metrics_;
};

// Counts its call in `calls` for as long as gRPC keeps it (the call's life).
class InFlightInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit InFlightInterceptor(InFlightCalls* calls) : calls_(calls) { calls_->Begin(); }
  ~InFlightInterceptor() override { calls_->End(); }
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    methods->Proceed();
  }

 private:
  InFlightCalls* const calls_;
};

class InFlightInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit InFlightInterceptorFactory(InFlightCalls* calls) : calls_(calls) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    const std::string_view method = info->method() == nullptr ? "" : info->method();
    if (method == "/grpc.health.v1.Health/Watch" ||
        method.find("/grpc.reflection.") == 0) {
      return nullptr;  // open-ended streams that ask for no work
    }
    return new InFlightInterceptor(calls_);
  }

 private:
  InFlightCalls* const calls_;
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
InFlightCalls::MakeFactory() {
  return std::make_unique<InFlightInterceptorFactory>(this);
}

void InFlightCalls::Begin() {
  absl::MutexLock lock(&mu_);
  ++count_;
}

void InFlightCalls::End() {
  absl::MutexLock lock(&mu_);
  --count_;
}

int InFlightCalls::count() const {
  absl::MutexLock lock(&mu_);
  return count_;
}

bool InFlightCalls::WaitUntilIdle(absl::Time deadline) {
  absl::MutexLock lock(&mu_);
  auto idle = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return count_ == 0; };
  return mu_.AwaitWithDeadline(absl::Condition(&idle), deadline);
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeBadRequestInterceptorFactory(Metrics* metrics) {
  return std::make_unique<BadRequestInterceptorFactory>(metrics);
}

}  // namespace wordloom::service
