#include "nlp/analyze/entities/entity_trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>

#include "core/status_macros.h"
#include "nlp/analyze/entities/decoder.h"
#include "nlp/analyze/entities/evaluate.h"
#include "nlp/analyze/entities/tag_set.h"
#include "nlp/analyze/entities/training_data.h"

namespace wordloom::analyze::entities {
namespace {

// One training sentence as weight-row ids.
struct Instance {
  std::vector<uint32_t> rows;
  std::vector<uint32_t> offsets;  // token i: rows[offsets[i], offsets[i + 1])
  const std::vector<int>* gold = nullptr;
};

// Weights with lazily accumulated sums for averaging. Rows: the features,
// then T + 1 transition rows (start, previous tag 0..T-1), then the end row.
class Perceptron {
 public:
  Perceptron(size_t features, int T)
      : F_(features), T_(T), rows_(features + T + 2),
        w_(rows_ * T, 0.0f), total_(rows_ * T, 0.0), stamp_(rows_, 0) {}

  void Decode(const Instance& x, std::vector<int>* path) {
    const int n = static_cast<int>(x.offsets.size()) - 1;
    emit_.assign(static_cast<size_t>(n) * T_, 0.0f);
    for (int i = 0; i < n; ++i) {
      float* e = &emit_[static_cast<size_t>(i) * T_];
      for (uint32_t k = x.offsets[i]; k < x.offsets[i + 1]; ++k) {
        const float* w = &w_[static_cast<size_t>(x.rows[k]) * T_];
        for (int t = 0; t < T_; ++t) e[t] += w[t];
      }
    }
    trans_.assign(w_.begin() + F_ * T_, w_.begin() + (F_ + T_ + 1) * T_);
    end_.assign(w_.begin() + (F_ + T_ + 1) * T_, w_.end());
    for (int p = -1; p < T_; ++p) {
      for (int t = 0; t < T_; ++t) {
        if (!TagSet::Allowed(p, t)) trans_[(p + 1) * T_ + t] = kForbidden;
      }
      if (p >= 0 && !TagSet::Allowed(p, -1)) end_[p] = kForbidden;
    }
    Viterbi(emit_.data(), n, T_, trans_.data(), end_.data(), path);
  }

  void Update(const Instance& x, const std::vector<int>& pred) {
    const std::vector<int>& gold = *x.gold;
    const int n = static_cast<int>(gold.size());
    for (int i = 0; i < n; ++i) {
      if (gold[i] != pred[i]) {
        for (uint32_t k = x.offsets[i]; k < x.offsets[i + 1]; ++k) {
          Add(x.rows[k], gold[i], 1.0f);
          Add(x.rows[k], pred[i], -1.0f);
        }
      }
      const int gp = i > 0 ? gold[i - 1] : -1, pp = i > 0 ? pred[i - 1] : -1;
      if (gp != pp || gold[i] != pred[i]) {
        Add(F_ + gp + 1, gold[i], 1.0f);
        Add(F_ + pp + 1, pred[i], -1.0f);
      }
    }
    if (n > 0 && gold[n - 1] != pred[n - 1]) {
      Add(F_ + T_ + 1, gold[n - 1], 1.0f);
      Add(F_ + T_ + 1, pred[n - 1], -1.0f);
    }
  }

  void Tick() { ++clock_; }

  // Averaged weight of `row`, tag `t`.
  float Averaged(size_t row, int t) const {
    const size_t k = row * T_ + t;
    return static_cast<float>((total_[k] + (clock_ - stamp_[row]) * w_[k]) / clock_);
  }

 private:
  void Add(size_t row, int t, float delta) {
    if (stamp_[row] != clock_) {
      const double gap = static_cast<double>(clock_ - stamp_[row]);
      for (int j = 0; j < T_; ++j) total_[row * T_ + j] += gap * w_[row * T_ + j];
      stamp_[row] = clock_;
    }
    w_[row * T_ + t] += delta;
  }

  const size_t F_;
  const int T_;
  const size_t rows_;
  std::vector<float> w_;
  std::vector<double> total_;
  std::vector<int64_t> stamp_;
  int64_t clock_ = 1;
  std::vector<float> emit_, trans_, end_;
};

// Feature dictionary and instances of the training set.
struct Features {
  std::vector<uint64_t> keys;  // ascending; row = position
  std::vector<Instance> instances;
};

Features BuildFeatures(const TrainingSet& set, const ClusterMap& clusters, int min_count) {
  std::vector<SentenceFeatures> extracted(set.sentences.size());
  absl::flat_hash_map<uint64_t, uint32_t> counts;
  const ClusterMap* cl = clusters.empty() ? nullptr : &clusters;
  for (size_t i = 0; i < set.sentences.size(); ++i) {
    const TrainingSentence& s = *set.sentences[i];
    const Gazetteer* gaz = set.folds.empty() ? nullptr : &set.folds[s.fold];
    FeatureExtractor(gaz, cl).Extract(s.view, &extracted[i]);
    for (uint64_t f : extracted[i].features) ++counts[f];
  }
  Features out;
  for (const auto& [key, count] : counts) {
    if (static_cast<int>(count) >= min_count) out.keys.push_back(key);
  }
  std::sort(out.keys.begin(), out.keys.end());
  absl::flat_hash_map<uint64_t, uint32_t> row;
  row.reserve(out.keys.size());
  for (size_t i = 0; i < out.keys.size(); ++i) row[out.keys[i]] = static_cast<uint32_t>(i);
  out.instances.resize(set.sentences.size());
  for (size_t i = 0; i < set.sentences.size(); ++i) {
    Instance& x = out.instances[i];
    x.gold = &set.sentences[i]->gold;
    const SentenceFeatures& sf = extracted[i];
    for (size_t t = 0; t + 1 < sf.offsets.size(); ++t) {
      x.offsets.push_back(static_cast<uint32_t>(x.rows.size()));
      for (uint32_t k = sf.offsets[t]; k < sf.offsets[t + 1]; ++k) {
        auto it = row.find(sf.features[k]);
        if (it != row.end()) x.rows.push_back(it->second);
      }
    }
    x.offsets.push_back(static_cast<uint32_t>(x.rows.size()));
    SentenceFeatures().features.swap(extracted[i].features);
  }
  return out;
}

// The averaged model (features whose weights are all zero dropped).
EntityModelData Snapshot(const Perceptron& p, const Features& f, const TrainingSet& set,
                         const EntityTrainerOptions& options) {
  const int T = TagSet(set.types).num_tags();
  EntityModelData d;
  d.types = set.types;
  std::vector<float> row(T);
  for (size_t r = 0; r < f.keys.size(); ++r) {
    bool zero = true;
    for (int t = 0; t < T; ++t) {
      row[t] = p.Averaged(r, t);
      zero &= std::fabs(row[t]) < 1e-6f;
    }
    if (zero) continue;
    d.feature_keys.push_back(f.keys[r]);
    d.weights.insert(d.weights.end(), row.begin(), row.end());
  }
  const size_t F = f.keys.size();
  for (size_t r = F; r < F + T + 1; ++r) {
    for (int t = 0; t < T; ++t) d.transitions.push_back(p.Averaged(r, t));
  }
  for (int t = 0; t < T; ++t) d.end.push_back(p.Averaged(F + T + 1, t));
  set.full.Export(&d.gazetteer_keys, &d.gazetteer_types);
  for (const auto& [k, v] : options.clusters) {
    d.cluster_keys.push_back(k);
    d.cluster_ids.push_back(v);
  }
  return d;
}

absl::StatusOr<double> DevF1(const EntityModelData& d, const std::vector<ConllSentence>& dev) {
  WL_ASSIGN_OR_RETURN(auto rec, EntityRecognizer::Create(d));
  WL_ASSIGN_OR_RETURN(Evaluation e, EvaluateConll(*rec, dev, 2));
  return e.scores.overall.F1();
}

// Log loss of Score against correctness on `dev` at `temperature`.
absl::StatusOr<double> ScoreLogLoss(EntityModelData* d, float temperature,
                                    const std::vector<ConllSentence>& dev) {
  d->temperature = temperature;
  WL_ASSIGN_OR_RETURN(auto rec, EntityRecognizer::Create(*d));
  WL_ASSIGN_OR_RETURN(Evaluation e, EvaluateConll(*rec, dev, 2));
  double loss = 0;
  for (const auto& [score, correct] : e.scored) {
    const double p = std::clamp(score, 1e-4, 1 - 1e-4);
    loss -= correct ? std::log(p) : std::log(1 - p);
  }
  return loss;
}

// Temperature minimizing the log loss of Score vs. correctness on `dev`:
// a x1.5 grid over [0.25, 64], then x1.5^(1/4) steps around the best.
absl::StatusOr<float> FitTemperature(EntityModelData d, const std::vector<ConllSentence>& dev) {
  float best_t = 1.0f;
  double best_loss = 1e300;
  auto consider = [&](float t) -> absl::Status {
    WL_ASSIGN_OR_RETURN(double loss, ScoreLogLoss(&d, t, dev));
    if (loss < best_loss) {
      best_loss = loss;
      best_t = t;
    }
    return absl::OkStatus();
  };
  for (float t = 0.25f; t <= 64.0f; t *= 1.5f) WL_RETURN_IF_ERROR(consider(t));
  const float center = best_t;
  for (int k : {-3, -2, -1, 1, 2, 3}) {
    WL_RETURN_IF_ERROR(consider(center * std::pow(1.5f, k / 4.0f)));
  }
  return best_t;
}

}  // namespace

absl::StatusOr<EntityTrainingResult> TrainEntityModel(const std::vector<ConllSentence>& train,
                                                      const std::vector<ConllSentence>& dev,
                                                      const EntityTrainerOptions& options) {
  WL_ASSIGN_OR_RETURN(TrainingSet set, PrepareTrainingSet(train, options.gazetteer_folds));
  const Features features = BuildFeatures(set, options.clusters, options.min_feature_count);
  const int T = TagSet(set.types).num_tags();
  Perceptron perceptron(features.keys.size(), T);
  EntityTrainingResult result;
  result.features = features.keys.size();
  std::vector<size_t> order(features.instances.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(options.seed);
  std::vector<int> path;
  for (int epoch = 1; epoch <= std::max(1, options.epochs); ++epoch) {
    const auto start = std::chrono::steady_clock::now();
    std::shuffle(order.begin(), order.end(), rng);
    EpochReport report;
    report.epoch = epoch;
    for (size_t i : order) {
      const Instance& x = features.instances[i];
      perceptron.Decode(x, &path);
      if (path != *x.gold) {
        perceptron.Update(x, path);
        ++report.mistakes;
      }
      perceptron.Tick();
    }
    EntityModelData snapshot = Snapshot(perceptron, features, set, options);
    if (!dev.empty()) {
      WL_ASSIGN_OR_RETURN(report.dev_f1, DevF1(snapshot, dev));
    }
    if (dev.empty() || report.dev_f1 > result.best_dev_f1) {
      result.best_dev_f1 = report.dev_f1;
      result.best_epoch = epoch;
      result.model = std::move(snapshot);
    }
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.epochs.push_back(report);
    if (options.on_epoch) options.on_epoch(report);
  }
  result.model.epochs = static_cast<uint32_t>(result.best_epoch);
  result.model.seed = options.seed;
  if (!dev.empty()) {
    WL_ASSIGN_OR_RETURN(result.model.temperature, FitTemperature(result.model, dev));
  }
  return result;
}

}  // namespace wordloom::analyze::entities
