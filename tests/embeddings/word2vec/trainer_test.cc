// word2vec training on synthetic corpora with planted co-occurrence
// structure, the SGD step's gradient, the Huffman tree, and bad input.
#include "embeddings/word2vec/trainer.h"

#include <atomic>
#include <cmath>
#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "embeddings/word2vec/huffman_tree.h"
#include "embeddings/word2vec/neighbor_index.h"
#include "embeddings/word2vec/sgd_kernels.h"
#include "gtest/gtest.h"

namespace wordloom::embeddings::word2vec {
namespace {

// Three topics of 6 words; each line draws 12 words from one topic, so words
// of a topic co-occur and words of different topics never do.
std::string PlantedCorpus(int lines, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string text;
  const char* topics[] = {"alpha", "bravo", "charlie"};
  for (int i = 0; i < lines; ++i) {
    int t = rng() % 3;
    for (int j = 0; j < 12; ++j) absl::StrAppend(&text, j ? " " : "", topics[t], rng() % 6);
    text += "\n";
  }
  return text;
}

std::unique_ptr<TrainingCorpus> Corpus(const std::string& text, int64_t min_count = 1) {
  auto corpus = TrainingCorpus::FromText(text, "planted.txt", {.min_count = min_count, .threads = 1, .quiet = true});
  EXPECT_TRUE(corpus.ok()) << corpus.status();
  return std::move(corpus).value();
}

TrainOptions SmallOptions() {
  TrainOptions o;
  o.vector_dim = 20;
  o.window_size = 3;
  o.epochs = 5;
  o.min_count = 1;
  o.threads = 1;
  o.sampling_threshold = 0;
  o.learning_rate = 0.05f;
  o.buckets = 1000;
  o.quiet = true;
  return o;
}

// Fraction of words whose nearest neighbour shares their topic prefix.
double TopicPurity(const WordVectors& v) {
  auto index = ExactNeighborIndex::Build(v);
  int good = 0;
  std::vector<float> q(v.dim());
  for (size_t i = 0; i < v.size(); ++i) {
    v.WordVector(v.word(i), q.data());
    const int32_t self = static_cast<int32_t>(i);
    auto best = index->Search(q.data(), 1, std::span<const int32_t>(&self, 1));
    if (!best.empty() && v.word(best[0].id).substr(0, 3) == v.word(i).substr(0, 3)) ++good;
  }
  return static_cast<double>(good) / v.size();
}

struct Config {
  Mode mode;
  Loss loss;
  bool subwords;
};

class PlantedStructureTest : public ::testing::TestWithParam<Config> {};

TEST_P(PlantedStructureTest, RelatedWordsAreNearest) {
  auto corpus = Corpus(PlantedCorpus(1500, 7));
  TrainOptions o = SmallOptions();
  o.mode = GetParam().mode;
  o.loss = GetParam().loss;
  o.subwords = GetParam().subwords;
  TrainStats stats;
  auto vectors = Train(*corpus, o, &stats);
  ASSERT_TRUE(vectors.ok()) << vectors.status();
  EXPECT_EQ((*vectors)->size(), 18u);
  EXPECT_GE(TopicPurity(**vectors), 0.99);
  // Loss sanity: finite, and lower in the last epoch than in the first.
  ASSERT_EQ(stats.epoch_loss.size(), 5u);
  for (double l : stats.epoch_loss) EXPECT_TRUE(std::isfinite(l));
  EXPECT_LT(stats.epoch_loss.back(), stats.epoch_loss.front());
  // Threads stop at their first learning-rate update after all threads
  // together reached epochs x words (updates come every total / (64 x
  // threads) words or more often), so the overshoot is a small fraction.
  EXPECT_GE(stats.words, corpus->num_words() * 5);
  EXPECT_LE(stats.words, corpus->num_words() * 5 + corpus->num_words() * 5 / 16);
}

INSTANTIATE_TEST_SUITE_P(
    AllModes, PlantedStructureTest,
    ::testing::Values(Config{Mode::kSkipgram, Loss::kNegativeSampling, false},
                      Config{Mode::kCbow, Loss::kNegativeSampling, false},
                      Config{Mode::kSkipgram, Loss::kHierarchicalSoftmax, false},
                      Config{Mode::kCbow, Loss::kHierarchicalSoftmax, false},
                      Config{Mode::kSkipgram, Loss::kNegativeSampling, true},
                      Config{Mode::kCbow, Loss::kNegativeSampling, true}));

TEST(TrainerTest, HogwildThreadsStillLearnStructure) {
  auto corpus = Corpus(PlantedCorpus(1500, 11));
  TrainOptions o = SmallOptions();
  o.threads = 2;
  auto vectors = Train(*corpus, o, nullptr);
  ASSERT_TRUE(vectors.ok()) << vectors.status();
  EXPECT_GE(TopicPurity(**vectors), 0.99);
}

TEST(TrainerTest, SingleThreadRunsAreReproducible) {
  auto corpus = Corpus(PlantedCorpus(200, 3));
  auto a = Train(*corpus, SmallOptions(), nullptr);
  auto b = Train(*corpus, SmallOptions(), nullptr);
  ASSERT_TRUE(a.ok() && b.ok());
  for (size_t i = 0; i < (*a)->input().size(); ++i) {
    ASSERT_EQ((*a)->input().data()[i], (*b)->input().data()[i]);
  }
}

TEST(TrainerTest, SubwordsGiveOutOfVocabularyVectors) {
  auto corpus = Corpus(PlantedCorpus(300, 5));
  TrainOptions o = SmallOptions();
  o.subwords = true;
  auto vectors = Train(*corpus, o, nullptr);
  ASSERT_TRUE(vectors.ok());
  std::vector<float> v((*vectors)->dim());
  EXPECT_TRUE((*vectors)->WordVector("alpha9", v.data()));  // unseen, shares n-grams
  EXPECT_GT(linalg::Norm(v.data(), v.size()), 0.0f);
}

TEST(SgdKernelTest, StepFollowsTheLogisticGradient) {
  const size_t dim = 4;
  std::vector<float> hidden = {0.1f, -0.2f, 0.3f, 0.05f};
  std::vector<float> out = {0.2f, 0.1f, -0.1f, 0.4f};
  std::vector<float> grad(dim, 0.0f);
  const float lr = 0.01f;
  float dot = linalg::Dot(hidden.data(), out.data(), dim);
  float p = 1.0f / (1.0f + std::exp(-dot));
  std::vector<float> out_before = out;
  float loss = BinaryLogisticStep(hidden.data(), out.data(), true, lr, grad.data(), dim);
  EXPECT_NEAR(loss, -std::log(p), 0.02);
  for (size_t i = 0; i < dim; ++i) {
    // d(-log sigmoid(h.o))/dh = -(1 - p) o; the step moves by -lr times it.
    EXPECT_NEAR(grad[i], lr * (1 - p) * out_before[i], 1e-3 * lr);
    EXPECT_NEAR(out[i] - out_before[i], lr * (1 - p) * hidden[i], 1e-3 * lr);
  }
  // The update lowers the loss.
  float after = -std::log(1.0f / (1.0f + std::exp(-linalg::Dot(hidden.data(), out.data(), dim))));
  EXPECT_LT(after, -std::log(p));
}

TEST(HuffmanTreeTest, CodesArePrefixFreeAndFrequentWordsShorter) {
  std::vector<int64_t> counts = {100, 50, 20, 10, 5, 1};
  HuffmanTree tree = HuffmanTree::Build(counts);
  std::vector<std::string> codes;
  for (int w = 0; w < 6; ++w) {
    std::string c;
    for (uint8_t b : tree.Code(w)) c.push_back('0' + b);
    ASSERT_EQ(tree.Code(w).size(), tree.Path(w).size());
    for (int32_t node : tree.Path(w)) EXPECT_TRUE(node >= 0 && node < 5);
    codes.push_back(c);
  }
  EXPECT_LE(codes[0].size(), codes[5].size());
  for (int a = 0; a < 6; ++a) {
    for (int b = 0; b < 6; ++b) {
      if (a != b) {
        EXPECT_NE(codes[b].rfind(codes[a], 0), 0u) << codes[a] << " prefix of " << codes[b];
      }
    }
  }
}

TEST(TrainerBadInputTest, DimensionZeroIsRejected) {
  auto corpus = Corpus(PlantedCorpus(10, 1));
  TrainOptions o = SmallOptions();
  o.vector_dim = 0;
  auto r = Train(*corpus, o, nullptr);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("vector_dim"), std::string::npos);
}

TEST(TrainerOptionsTest, NoiseExponentDefaultsByModeAndIsChecked) {
  TrainOptions o;
  EXPECT_EQ(NsExponent(o), 0.75);  // skip-gram, word2vec's
  o.subwords = true;
  EXPECT_EQ(NsExponent(o), 0.5);   // skip-gram with subwords, fastText's
  o.mode = Mode::kCbow;
  EXPECT_EQ(NsExponent(o), 0.75);
  o.ns_exponent = 1.0;
  EXPECT_EQ(NsExponent(o), 1.0);
  EXPECT_TRUE(ValidateOptions(o).ok());
  o.ns_exponent = 3.0;
  absl::Status status = ValidateOptions(o);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(status.message()).find("ns_exponent"), std::string::npos) << status;
}

TEST(TrainerBadInputTest, CorpusSmallerThanWindow) {
  auto corpus = Corpus("one two three\n");
  TrainOptions o = SmallOptions();
  o.window_size = 5;
  auto r = Train(*corpus, o, nullptr);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("planted.txt"), std::string::npos) << r.status();
  EXPECT_NE(r.status().message().find("window"), std::string::npos);
}

TEST(TrainerBadInputTest, AllWordsBelowMinCount) {
  auto corpus = TrainingCorpus::FromText("rare words only here\n", "tiny.txt",
                                         {.min_count = 5, .threads = 1, .quiet = true});
  EXPECT_EQ(corpus.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(corpus.status().message().find("tiny.txt"), std::string::npos);
  EXPECT_NE(corpus.status().message().find("min_count"), std::string::npos);
}

TEST(TrainingCorpusTest, TokenizesCaseFoldsAndDropsPunctuation) {
  auto corpus = Corpus("The cat, the CAT!\n\nA dog.\n");
  EXPECT_EQ(corpus->num_words(), 6);
  EXPECT_EQ(corpus->vocab().Term(0), "cat");  // 2 (tie with "the", by bytes)
  EXPECT_EQ(corpus->vocab().Count(corpus->vocab().Find("the")), 2);
  EXPECT_EQ(corpus->vocab().Find("!"), nlp::Vocabulary::kNotFound);
  // Two sentences, each followed by a marker.
  EXPECT_EQ(corpus->tokens().size(), 8u);
}

TEST(TrainerControlTest, ReportsProgressAndStopsOnRequest) {
  auto corpus = Corpus(PlantedCorpus(3000, 5));  // 36k words: several progress steps
  TrainOptions o = SmallOptions();
  o.threads = 2;
  std::atomic<int> reports{0};
  std::atomic<bool> went_back{false};
  std::atomic<double> last{0};
  WorkControl watch{.progress = [&](double f) {
    if (f < last.load()) went_back = true;
    last = f;
    ++reports;
  }};
  ASSERT_TRUE(Train(*corpus, o, nullptr, &watch).ok());
  EXPECT_GE(reports.load(), 3);
  EXPECT_FALSE(went_back.load());
  EXPECT_GT(last.load(), 0.5);

  std::atomic<int> polls{0};
  WorkControl stop{.stop_requested = [&] { return ++polls >= 2; }};
  auto stopped = Train(*corpus, o, nullptr, &stop);
  EXPECT_EQ(stopped.status().code(), absl::StatusCode::kCancelled) << stopped.status();
  EXPECT_NE(stopped.status().message().find("words"), std::string::npos) << stopped.status();
}

}  // namespace
}  // namespace wordloom::embeddings::word2vec
