#include "service/ingest_service.h"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "corpora/store_appender.h"
#include "nlp/text/utf8.h"
#include "proto/wordloom/internal/ingest_wire.pb.h"
#include "service/async_reactors.h"
#include "service/limits.h"
#include "service/status_bridge.h"

namespace wordloom::service {
namespace {

using Wire = wordloom::internal::IngestRequestWire;

constexpr int kMaxRejectionDetails = 100;

// One IngestDocuments call. The completion-queue thread reads and queues documents;
// a writer thread of its own opens the store, adds the queued documents,
// commits and finishes the call.
class IngestStream final : public AsyncReadReactor<Wire, v1::IngestResponse> {
 public:
  explicit IngestStream(IngestService* service) : service_(service), response_(response()) {}

 private:
  void OnStart() override {
    start_ = absl::Now();
    StartRead(&request_);
  }
  void OnReadDone(bool ok) override;
  void OnCancel() override {
    std::lock_guard<std::mutex> lock(mu_);
    cancelled_ = true;
    cv_.notify_all();
  }
  // The writer has finished the call by now (the call ends only after).
  void OnDelete() override {
    if (writer_.joinable()) writer_.join();
  }

  // First message: checks the header, claims the corpus, starts the writer.
  absl::Status StartWriter();
  void WriterLoop();
  // Adds one document; a non-OK status ends the stream.
  absl::Status Accept(corpora::StoreAppender& store, corpora::Document& doc, int64_t index);
  void Reject(const absl::Status& status, const std::string& id, int64_t index);
  void FinishCall(absl::Status status);

  IngestService* const service_;
  v1::IngestResponse* const response_;
  absl::Time start_;
  Wire request_;
  v1::IngestHeader header_;  // completion-queue thread until the writer starts
  bool writer_started_ = false;
  std::thread writer_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<corpora::Document> queue_;  // bounded by kQueueDocuments
  int64_t received_ = 0;
  bool read_paused_ = false;  // a Read is owed once the queue has room
  bool end_of_stream_ = false;
  bool cancelled_ = false;
  bool stopping_ = false;  // the writer ended the call: read no more
  absl::Status stream_error_;  // a second header
};

corpora::Document FromWire(wordloom::internal::DocumentWire& wire) {
  corpora::Document doc;
  doc.id = std::move(*wire.mutable_id());
  doc.text = std::move(*wire.mutable_text());
  for (auto& entry : *wire.mutable_metadata()) {
    doc.metadata.emplace_back(std::move(*entry.mutable_key()), std::move(*entry.mutable_value()));
  }
  doc.source = "ingest";
  return doc;
}

void IngestStream::OnReadDone(bool ok) {
  if (!ok) {  // the client closed its side, or the call is gone
    {
      std::lock_guard<std::mutex> lock(mu_);
      end_of_stream_ = true;
      cv_.notify_all();
    }
    if (!writer_started_) {
      Finish(ToGrpcStatus(absl::InvalidArgumentError(
          "the stream ended without a header: the first message must be an IngestHeader")));
    }
    return;
  }
  if (!writer_started_) {
    absl::Status started = StartWriter();
    if (!started.ok()) return Finish(ToGrpcStatus(started));
    return StartRead(&request_);
  }
  std::unique_lock<std::mutex> lock(mu_);
  if (request_.has_header()) {
    stream_error_ = absl::InvalidArgumentError(
        absl::StrCat("message ", received_ + 1, " is a second header; only the first may be"));
    end_of_stream_ = true;
    cv_.notify_all();
    return;
  }
  queue_.push_back(FromWire(*request_.mutable_document()));
  ++received_;
  cv_.notify_all();
  const bool room = queue_.size() < IngestService::kQueueDocuments;
  if (stopping_) return;
  if (!room) {
    read_paused_ = true;  // the writer reads on after draining
    return;
  }
  lock.unlock();
  StartRead(&request_);
}

absl::Status IngestStream::StartWriter() {
  if (!request_.has_header()) {
    return absl::InvalidArgumentError("the first message must be an IngestHeader, not a document");
  }
  header_ = request_.header();
  if (header_.corpus_name().empty()) {
    return absl::InvalidArgumentError("header.corpus_name is empty");
  }
  absl::Status name = CheckModelId("header.corpus_name", header_.corpus_name());
  if (!name.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(name.message(), " (a corpus name: 1 to 128 of [A-Za-z0-9._-])"));
  }
  if (header_.corpus_name()[0] == '.') {
    return absl::InvalidArgumentError("header.corpus_name must not start with '.'");
  }
  WL_RETURN_IF_ERROR(service_->Acquire(header_.corpus_name()));
  writer_started_ = true;
  writer_ = std::thread([this] { WriterLoop(); });
  return absl::OkStatus();
}

void IngestStream::Reject(const absl::Status& status, const std::string& id, int64_t index) {
  response_->set_documents_rejected(response_->documents_rejected() + 1);
  if (response_->rejections_size() >= kMaxRejectionDetails) return;
  v1::IngestRejection* r = response_->add_rejections();
  r->set_index(index);
  r->set_document_id(nlp::ReplaceInvalidUtf8(id));
  r->set_error_code(StatusCodeName(status.code()));
  r->set_error_message(nlp::ReplaceInvalidUtf8(ToStd(status.message())));
}

absl::Status IngestStream::Accept(corpora::StoreAppender& store, corpora::Document& doc,
                                  int64_t index) {
  const v1::IngestOptions& options = header_.options();
  if (options.skip_existing() && store.Contains(doc.id)) {
    response_->set_documents_skipped(response_->documents_skipped() + 1);
    return absl::OkStatus();
  }
  if (!options.language_code().empty()) {
    bool has = false;
    for (const auto& [key, value] : doc.metadata) has = has || key == "language_code";
    if (!has) doc.metadata.emplace_back("language_code", options.language_code());
  }
  absl::Status added = store.Add(doc);
  if (added.ok()) return added;
  if (!absl::IsInvalidArgument(added) && !absl::IsAlreadyExists(added)) return added;  // I/O
  const absl::Status named(added.code(),
                           absl::StrCat("document ", index, " (id \"",
                                        nlp::ReplaceInvalidUtf8(doc.id.substr(0, 200)),
                                        "\"): ", added.message()));
  if (options.on_error() == v1::OnError::FAIL) return named;
  Reject(named, doc.id, index);
  return absl::OkStatus();
}

void IngestStream::WriterLoop() {
  const std::string dir = absl::StrCat(service_->corpus_dir(), "/", header_.corpus_name());
  corpora::StoreAppenderOptions options;
  options.create_if_missing = header_.create_if_missing();
  absl::StatusOr<std::unique_ptr<corpora::StoreAppender>> opened =
      corpora::StoreAppender::Open(dir, options);
  absl::Status status = opened.status();
  std::unique_ptr<corpora::StoreAppender> store;
  uint64_t base = 0;
  if (status.ok()) {
    store = *std::move(opened);
    base = store->committed();
  }
  int64_t index = 0;
  std::deque<corpora::Document> batch;
  while (status.ok()) {
    bool resume = false;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return !queue_.empty() || end_of_stream_ || cancelled_; });
      if (cancelled_) status = absl::CancelledError("the client cancelled the stream");
      if (cancelled_ || queue_.empty()) break;
      batch.swap(queue_);
      std::swap(resume, read_paused_);
    }
    if (resume) StartRead(&request_);
    for (; status.ok() && !batch.empty(); batch.pop_front()) {
      status = Accept(*store, batch.front(), index++);
    }
    batch.clear();
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    if (status.ok()) status = stream_error_;
  }
  if (store != nullptr) {
    absl::Status committed = store->Commit();
    response_->set_documents_written(static_cast<int64_t>(store->committed() - base));
    if (status.ok()) status = committed;
    store.reset();
  }
  FinishCall(std::move(status));
}

void IngestStream::FinishCall(absl::Status status) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    response_->set_documents_received(received_);
  }
  response_->set_corpus_name(header_.corpus_name());
  if (!status.ok() && status.code() != absl::StatusCode::kCancelled) {
    status = absl::Status(status.code(),
                          absl::StrCat(status.message(), " (", response_->documents_written(),
                                       " documents of this stream were written)"));
  }
  service_->Release(header_.corpus_name());
  service_->env().metrics->Record("grpc/IngestDocuments", status.code(),
                                  absl::ToDoubleSeconds(absl::Now() - start_));
  Finish(ToGrpcStatus(status));
}

}  // namespace

IngestService::IngestService(std::string corpus_dir, CallEnv env)
    : corpus_dir_(std::move(corpus_dir)), env_(env) {}

absl::Status IngestService::AddMethods(AsyncServer* calls) {
  // Requests are read leniently (as Wire, with bytes fields) instead of as
  // v1::IngestRequest: the stream's reader decides the message type.
  return calls->Add(this, "wordloom.v1.Ingest", "IngestDocuments", /*raw=*/false,
                    [this]() -> AsyncCall* { return new IngestStream(this); });
}

absl::Status IngestService::Acquire(const std::string& name) {
  absl::MutexLock lock(&mu_);
  if (busy_.contains(name)) {
    return absl::AbortedError(absl::StrCat("corpus \"", name,
                                           "\" is being written by another IngestDocuments "
                                           "stream; retry when it has finished"));
  }
  if (busy_.size() >= kMaxStreams) {
    return absl::ResourceExhaustedError(
        absl::StrCat("server busy: ", kMaxStreams, " ingest streams already run; retry later"));
  }
  busy_.insert(name);
  return absl::OkStatus();
}

void IngestService::Release(const std::string& name) {
  absl::MutexLock lock(&mu_);
  busy_.erase(name);
}

}  // namespace wordloom::service
