// Stream reactors over AsyncServer (async_server.h) in the shape of gRPC's
// callback reactors — StartRead / OnReadDone, StartWrite / OnWriteDone,
// Finish, OnCancel — so a stream's logic reads as it would on the callback
// API. Differences: the call starts in OnStart (not the constructor); the
// server deletes the call once it is over (after Finish completed, with no
// read or write left and the call done on the wire) and calls OnDelete just
// before, so a reactor never deletes itself; the reactions of one call run
// one at a time (on completion-queue threads). As with the callback API, at
// most one read and one write may be outstanding, nothing may be started
// after Finish, and Start*/Finish may be called from any thread.
#ifndef WORDLOOM_SERVICE_ASYNC_REACTORS_H_
#define WORDLOOM_SERVICE_ASYNC_REACTORS_H_

#include "grpcpp/grpcpp.h"
#include "grpcpp/impl/codegen/proto_utils.h"
#include "grpcpp/support/async_stream.h"
#include "grpcpp/support/async_unary_call.h"
#include "service/async_server.h"
#include "service/status_bridge.h"

namespace wordloom::service {

// Ops of the stream reactors (AsyncCall's op numbers 2..7).
constexpr int kStreamRead = 2;
constexpr int kStreamWrite = 3;
constexpr int kStreamFinish = 4;

// The reactions all stream reactors share.
class AsyncStreamReactor : public AsyncCall {
 protected:
  virtual void OnReadDone(bool ok) { (void)ok; }
  virtual void OnWriteDone(bool ok) { (void)ok; }
  // The call was cancelled (by the client, its deadline, or the server).
  virtual void OnCancel() {}

 private:
  void OnOp(int op, bool ok) final {
    if (op == kStreamRead) return OnReadDone(ok);
    if (op == kStreamWrite) return OnWriteDone(ok);
    SetFinished();
  }
  void OnCallDone(bool cancelled) final {
    if (cancelled) OnCancel();
  }
};

// Bidirectional stream (AsyncServer::Add with raw = false).
template <typename Request, typename Response>
class AsyncBidiReactor : public AsyncStreamReactor {
 protected:
  void StartRead(Request* message) {
    Pending();
    stream_.Read(message, Tag(kStreamRead));
  }
  void StartWrite(const Response* message) {
    Pending();
    stream_.Write(*message, Tag(kStreamWrite));
  }
  void Finish(const grpc::Status& status) {
    Pending();
    stream_.Finish(status, Tag(kStreamFinish));
  }

 private:
  void Ask(AsyncMethodsBase* service, int index, grpc::ServerCompletionQueue* cq, void* tag) final {
    service->AskStream(index, context(), &stream_, cq, tag);
  }
  grpc::ServerAsyncReaderWriter<Response, Request> stream_{context()};
};

// Client stream (AsyncServer::Add with raw = false): Finish sends
// response() when the status is OK.
template <typename Request, typename Response>
class AsyncReadReactor : public AsyncStreamReactor {
 protected:
  Response* response() { return &response_; }
  void StartRead(Request* message) {
    Pending();
    reader_.Read(message, Tag(kStreamRead));
  }
  void Finish(const grpc::Status& status) {
    Pending();
    if (status.ok()) {
      reader_.Finish(response_, status, Tag(kStreamFinish));
    } else {
      reader_.FinishWithError(status, Tag(kStreamFinish));
    }
  }

 private:
  void Ask(AsyncMethodsBase* service, int index, grpc::ServerCompletionQueue* cq, void* tag) final {
    service->AskStream(index, context(), &reader_, cq, tag);
  }
  Response response_;
  grpc::ServerAsyncReader<Response, Request> reader_{context()};
};

// Server stream (AsyncServer::Add with raw = true: the request is parsed
// here; one that is not a Request is answered INVALID_ARGUMENT and never
// reaches OnRequest).
template <typename Request, typename Response>
class AsyncWriteReactor : public AsyncStreamReactor {
 protected:
  // The call has arrived with `request` (valid until the call is deleted).
  virtual void OnRequest(const Request& request) = 0;
  void StartWrite(const Response* message) {
    Pending();
    writer_.Write(*message, Tag(kStreamWrite));
  }
  void Finish(const grpc::Status& status) {
    Pending();
    writer_.Finish(status, Tag(kStreamFinish));
  }

 private:
  void Ask(AsyncMethodsBase* service, int index, grpc::ServerCompletionQueue* cq, void* tag) final {
    service->AskServerStream(index, context(), &request_bytes_, &writer_, cq, tag);
  }
  void OnStart() final {
    if (!grpc::GenericDeserialize<grpc::ProtoBufferReader, Request>(&request_bytes_, &request_)
             .ok()) {
      return Finish(ToGrpcStatus(UnparsableRequest()));
    }
    OnRequest(request_);
  }
  grpc::ByteBuffer request_bytes_;
  Request request_;
  grpc::ServerAsyncWriter<Response> writer_{context()};
};

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_ASYNC_REACTORS_H_
