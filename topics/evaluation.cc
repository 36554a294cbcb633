#include "topics/evaluation.h"

#include <algorithm>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "core/thread_pool.h"

namespace wordloom::topics {
namespace {

// Sorted unit ids (documents or windows) holding each tracked term.
struct Postings {
  std::vector<std::vector<int64_t>> units;  // by tracked index
  int64_t num_units = 0;
};

// Records, for every unit, which tracked terms it holds.
Postings CollectPostings(const absl::flat_hash_map<int32_t, int32_t>& tracked,
                         const std::vector<std::vector<int32_t>>& reference, int32_t window) {
  Postings p;
  p.units.resize(tracked.size());
  std::vector<int32_t> seen;
  auto add_unit = [&](const int32_t* begin, const int32_t* end) {
    seen.clear();
    for (const int32_t* it = begin; it != end; ++it) {
      auto found = tracked.find(*it);
      if (found != tracked.end()) seen.push_back(found->second);
    }
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    for (int32_t t : seen) p.units[t].push_back(p.num_units);
    ++p.num_units;
  };
  for (const auto& doc : reference) {
    if (doc.empty()) continue;
    const size_t size = doc.size();
    if (window <= 0 || size <= static_cast<size_t>(window)) {
      add_unit(doc.data(), doc.data() + size);
      continue;
    }
    for (size_t s = 0; s + window <= size; ++s) add_unit(doc.data() + s, doc.data() + s + window);
  }
  return p;
}

int64_t IntersectionSize(const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
  int64_t n = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++n, ++i, ++j;
    }
  }
  return n;
}

double Npmi(int64_t dij, int64_t di, int64_t dj, int64_t n) {
  if (dij == 0) return -1.0;
  if (dij == n) return 1.0;
  const double pij = static_cast<double>(dij) / n;
  const double pmi = std::log(pij / ((static_cast<double>(di) / n) * (static_cast<double>(dj) / n)));
  return pmi / -std::log(pij);
}

}  // namespace

std::vector<std::vector<int32_t>> TopTermIds(const LdaModel& model, size_t n) {
  std::vector<std::vector<int32_t>> topics(model.num_topics());
  for (int32_t k = 0; k < model.num_topics(); ++k) {
    for (const TermWeight& tw : model.TopTerms(k, n)) topics[k].push_back(tw.term);
  }
  return topics;
}

absl::StatusOr<CoherenceResult> TopicCoherence(const std::vector<std::vector<int32_t>>& topics,
                                               const std::vector<std::vector<int32_t>>& reference,
                                               const CoherenceOptions& options) {
  if (topics.empty()) return absl::InvalidArgumentError("coherence: no topics");
  absl::flat_hash_map<int32_t, int32_t> tracked;
  for (const auto& topic : topics) {
    for (int32_t id : topic) tracked.emplace(id, static_cast<int32_t>(tracked.size()));
  }
  const Postings p = CollectPostings(tracked, reference, options.window);
  if (p.num_units == 0) return absl::InvalidArgumentError("coherence: empty reference corpus");
  CoherenceResult result;
  for (const auto& topic : topics) {
    double npmi = 0, umass = 0;
    int64_t pairs = 0, umass_pairs = 0;
    for (size_t j = 1; j < topic.size(); ++j) {
      for (size_t i = 0; i < j; ++i) {
        const auto& ui = p.units[tracked.at(topic[i])];
        const auto& uj = p.units[tracked.at(topic[j])];
        const int64_t dij = IntersectionSize(ui, uj);
        npmi += Npmi(dij, ui.size(), uj.size(), p.num_units);
        ++pairs;
        if (!ui.empty()) {
          umass += std::log((dij + 1.0) / static_cast<double>(ui.size()));
          ++umass_pairs;
        }
      }
    }
    result.npmi_per_topic.push_back(pairs ? npmi / pairs : 0.0);
    result.umass_per_topic.push_back(umass_pairs ? umass / umass_pairs : 0.0);
  }
  for (size_t k = 0; k < topics.size(); ++k) {
    result.npmi += result.npmi_per_topic[k] / topics.size();
    result.umass += result.umass_per_topic[k] / topics.size();
  }
  return result;
}

absl::StatusOr<PerplexityResult> HeldOutPerplexity(const TopicInferencer& inferencer,
                                                   const std::vector<std::vector<int32_t>>& docs,
                                                   const InferenceOptions& options, size_t threads) {
  const LdaModel& model = inferencer.model();
  const int32_t k = model.num_topics(), v = model.vocab_size();
  if (threads == 0) threads = ThreadPool::DefaultThreads();
  threads = std::max<size_t>(1, std::min(threads, docs.size()));
  std::vector<double> loglik(threads, 0);
  std::vector<int64_t> scored(threads, 0);
  ParallelFor(docs.size(), threads, [&](size_t begin, size_t end, size_t thread) {
    std::vector<int32_t> observed;
    for (size_t d = begin; d < end; ++d) {
      std::vector<int32_t> ids;
      for (int32_t id : docs[d]) {
        if (id >= 0 && id < v) ids.push_back(id);
      }
      if (ids.size() < 2) continue;
      observed.clear();
      for (size_t i = 0; i < ids.size(); i += 2) observed.push_back(ids[i]);
      const std::vector<double> theta = inferencer.InferIds(observed, options);
      for (size_t i = 1; i < ids.size(); i += 2) {
        const float* phi = model.WordRow(ids[i]);
        double p = 0;
        for (int32_t t = 0; t < k; ++t) p += theta[t] * phi[t];
        loglik[thread] += std::log(p);
        ++scored[thread];
      }
    }
  });
  PerplexityResult result;
  for (size_t t = 0; t < threads; ++t) {
    result.log_likelihood += loglik[t];
    result.tokens += scored[t];
  }
  if (result.tokens == 0) {
    return absl::InvalidArgumentError("perplexity: no held-out document has two or more known tokens");
  }
  result.perplexity = std::exp(-result.log_likelihood / static_cast<double>(result.tokens));
  return result;
}

}  // namespace wordloom::topics
