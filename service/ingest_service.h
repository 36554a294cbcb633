// wordloom.v1.Ingest on AsyncServer (async_server.h): IngestDocuments appends a
// client stream of documents to a named corpus store under the server's
// corpus directory (corpora::StoreAppender, the store `wordloom index`
// writes), so Jobs can train on "corpus://NAME".
//
// Back-pressure: the reactor issues the next Read only once the previous
// document is in a bounded queue with room left; when the queue is full the
// stream's writer thread issues it after draining, so a fast client is held
// back by gRPC flow control, never buffered without bound. The response
// counts only documents in committed shards (fsynced files and MANIFEST); a
// client that disconnects leaves the store at a committed prefix (what was
// received is committed) and the server unaffected.
//
// Documents are parsed as wordloom.internal.IngestRequestWire (bytes
// fields), so a document with ill-formed UTF-8 is rejected by itself with
// INVALID_ARGUMENT naming its index and id.
//
// Thread-safe; `env` must outlive the server. One stream writes a corpus at
// a time (another gets ABORTED); at most kMaxStreams streams at once
// (RESOURCE_EXHAUSTED beyond).
#ifndef WORDLOOM_SERVICE_INGEST_SERVICE_H_
#define WORDLOOM_SERVICE_INGEST_SERVICE_H_

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "proto/wordloom/v1/ingest.grpc.pb.h"
#include "service/async_server.h"
#include "service/unary_call.h"

namespace wordloom::service {

class IngestService final : public AsyncMethods<v1::Ingest::Service> {
 public:
  static constexpr size_t kMaxStreams = 16;
  // Documents a stream holds queued before it stops reading.
  static constexpr size_t kQueueDocuments = 256;

  // Corpora live in `corpus_dir`/NAME (created on first use).
  IngestService(std::string corpus_dir, CallEnv env);

  // Serves IngestDocuments on `calls`; once, before the service is registered.
  absl::Status AddMethods(AsyncServer* calls);

  const std::string& corpus_dir() const { return corpus_dir_; }
  const CallEnv& env() const { return env_; }

  // Claims `name` for one stream: ABORTED if another stream writes it,
  // RESOURCE_EXHAUSTED when kMaxStreams streams run.
  absl::Status Acquire(const std::string& name);
  void Release(const std::string& name);

 private:
  const std::string corpus_dir_;
  const CallEnv env_;
  absl::Mutex mu_;
  absl::flat_hash_set<std::string> busy_ ABSL_GUARDED_BY(mu_);
};

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_INGEST_SERVICE_H_
