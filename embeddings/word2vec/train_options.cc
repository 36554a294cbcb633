#include "embeddings/word2vec/train_options.h"

#include "absl/strings/str_cat.h"
#include "core/strings.h"

namespace wordloom::embeddings::word2vec {

absl::Status ValidateOptions(const TrainOptions& o) {
  auto bad = [](std::string_view field, auto value, std::string_view want) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid ", ToAbsl(field), " ", value, ": ", ToAbsl(want)));
  };
  if (o.vector_dim <= 0 || o.vector_dim > 10000) return bad("vector_dim", o.vector_dim, "must be in [1, 10000]");
  if (o.window_size <= 0) return bad("window_size", o.window_size, "must be >= 1");
  if (o.loss == Loss::kNegativeSampling && o.negative_samples <= 0) {
    return bad("negative_samples", o.negative_samples, "must be >= 1");
  }
  if (!(o.ns_exponent < 0 || o.ns_exponent <= 2)) {
    return bad("ns_exponent", o.ns_exponent, "must be in [0, 2] (or < 0 for the default)");
  }
  if (o.min_count < 1) return bad("min_count", o.min_count, "must be >= 1");
  if (o.epochs <= 0) return bad("epochs", o.epochs, "must be >= 1");
  if (!(o.sampling_threshold >= 0)) return bad("sampling_threshold", o.sampling_threshold, "must be >= 0");
  if (!(o.learning_rate > 0) || o.learning_rate > 10) {
    return bad("learning_rate", o.learning_rate, "must be in (0, 10]");
  }
  if (o.subwords) {
    if (o.min_char < 1 || o.max_char < o.min_char) {
      return bad("min_char/max_char", absl::StrCat(o.min_char, "/", o.max_char),
                 "need 1 <= min_char <= max_char");
    }
    if (o.buckets <= 0) return bad("buckets", o.buckets, "must be >= 1");
  }
  if (o.threads < 0) return bad("threads", o.threads, "must be >= 0");
  return absl::OkStatus();
}

double NsExponent(const TrainOptions& o) {
  if (o.ns_exponent >= 0) return o.ns_exponent;
  return o.mode == Mode::kSkipgram && o.subwords ? 0.5 : 0.75;
}

std::string_view ModeName(Mode mode) { return mode == Mode::kSkipgram ? "skipgram" : "cbow"; }

absl::StatusOr<Mode> ParseMode(std::string_view name) {
  if (name == "skipgram") return Mode::kSkipgram;
  if (name == "cbow") return Mode::kCbow;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown mode \"", ToAbsl(name), "\": expected skipgram or cbow"));
}

}  // namespace wordloom::embeddings::word2vec
