// Integration: the real `wordloomd` on free loopback ports, called with a C++
// gRPC client for Embed, Analyze, AnalyzeStream and IngestDocuments — the
// multi-feature and streaming calls: Analyze equals each feature's own call,
// stream responses come in order, a 100k-document ingest is acknowledged and
// found in the store, bad documents are rejected by name, and clients that
// cancel mid-stream leave the server serving and the store at a committed
// prefix. Models are trained here with the `wordloom` CLI.
#include <chrono>
#include <cmath>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "corpora/store.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "proto/wordloom/v1/ingest.grpc.pb.h"
#include "proto/wordloom/v1/text_analytics.grpc.pb.h"
#include "service/analytics.h"
#include "service/model_loaders.h"
#include "service/model_registry.h"
#include "tests/service/server_process.h"
#include "tests/test_util.h"

namespace wordloom::service {
namespace {

using google::protobuf::util::MessageDifferencer;
using wordloom::testing::RunWordloom;
using wordloom::testing::WriteFile;

constexpr char kConll[] =
    "John NNP I-PER\nSmith NNP I-PER\nvisited VBD O\nParis NNP I-LOC\n. . O\n\n"
    "Mary NNP I-PER\nflew VBD O\nto TO O\nRome NNP I-LOC\nwith IN O\nJohn NNP I-PER\n. . O\n\n"
    "Paris NNP I-LOC\nand CC O\nRome NNP I-LOC\nwelcomed VBD O\nMary NNP I-PER\n. . O\n";

constexpr char kText[] = "A superb film about apple juice. Mary flew to Rome with John. "
                         "The engine of the car failed, sadly.";

std::unique_ptr<grpc::ClientContext> Ctx(int seconds = 20) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
  return ctx;
}

void TrainModels(const std::string& work, const std::string& models) {
  std::string corpus, reviews, labelled;
  for (int i = 0; i < 40; ++i) {
    corpus += i % 2 == 0 ? "apple banana fruit orange apple pear fruit juice\n"
                         : "engine wheel car brake engine tyre car garage\n";
  }
  WriteFile(work + "/corpus.txt", corpus);
  auto vectors = RunWordloom(absl::StrCat(
      "train-vectors --input ", work, "/corpus.txt --output ", models,
      "/vecs --mode skipgram --dim 8 --epoch 5 --min-count 1 --threads 1 2>&1"));
  ASSERT_EQ(vectors.exit_code, 0) << vectors.out;
  WriteFile(work + "/train.conll", kConll);
  auto ner = RunWordloom(absl::StrCat("train-entities --train ", work, "/train.conll --output ",
                                      models, "/ner.wlm --epochs 20 --gazetteer-folds 0 --seed 1 2>&1"));
  ASSERT_EQ(ner.exit_code, 0) << ner.out;
  for (const char* subject : {"film", "food", "hotel", "book"}) {
    for (const char* good : {"great", "wonderful", "superb"}) {
      absl::StrAppend(&reviews, "A ", good, " ", subject, ".\t1\n");
    }
    for (const char* bad : {"awful", "terrible", "horrible"}) {
      absl::StrAppend(&reviews, "A ", bad, " ", subject, ".\t0\n");
    }
  }
  WriteFile(work + "/reviews.tsv", reviews);
  auto mood = RunWordloom(absl::StrCat("train-sentiment --uci ", work, "/reviews.tsv --output ",
                                       models, "/mood.wlm 2>&1"));
  ASSERT_EQ(mood.exit_code, 0) << mood.out;
  for (int i = 0; i < 20; ++i) {
    labelled += "__label__fruit apple banana juice pear\n__label__car engine wheel brake tyre\n";
  }
  WriteFile(work + "/labelled.txt", labelled);
  auto genre = RunWordloom(absl::StrCat(
      "train-classifier --input ", work, "/labelled.txt --output ", models,
      "/genre.wlm --epoch 20 --dim 10 --lr 0.5 --bucket 1000 --threads 1 --seed 1 2>&1"));
  ASSERT_EQ(genre.exit_code, 0) << genre.out;
}

// One server for the whole suite.
class WordloomdStreamingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    work_ = new std::string(wordloom::testing::TempDir());
    const std::string models = *work_ + "/models";
    std::filesystem::create_directories(models);
    TrainModels(*work_, models);
    if (::testing::Test::HasFatalFailure()) return;
    server_ = new testing::ServerProcess();
    const bool started = server_->Start({"--http-port", "-1", "--models", models, "--corpus-dir",
                                         *work_ + "/corpora", "--threads", "2"},
                                        *work_ + "/wordloomd.log");
    if (!started) return;
    channel_ = new std::shared_ptr<grpc::Channel>(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", server_->grpc_port()), grpc::InsecureChannelCredentials()));
  }
  static void TearDownTestSuite() {
    delete channel_;
    channel_ = nullptr;
    if (server_ != nullptr) {
      EXPECT_EQ(server_->Stop(std::chrono::seconds(15)), 0) << Log();
      delete server_;
    }
    delete work_;
  }
  void SetUp() override {
    ASSERT_NE(channel_, nullptr) << "wordloomd did not start: " << Log();
    analytics_ = v1::TextAnalytics::NewStub(*channel_);
    ingest_ = v1::Ingest::NewStub(*channel_);
  }
  static std::string Log() { return wordloom::testing::ReadFile(*work_ + "/wordloomd.log"); }
  static std::string CorpusDir() { return *work_ + "/corpora"; }

  static std::string* work_;
  static testing::ServerProcess* server_;
  static std::shared_ptr<grpc::Channel>* channel_;
  std::unique_ptr<v1::TextAnalytics::Stub> analytics_;
  std::unique_ptr<v1::Ingest::Stub> ingest_;
};

std::string* WordloomdStreamingTest::work_ = nullptr;
testing::ServerProcess* WordloomdStreamingTest::server_ = nullptr;
std::shared_ptr<grpc::Channel>* WordloomdStreamingTest::channel_ = nullptr;

TEST_F(WordloomdStreamingTest, EmbedEqualsTheCliSentenceVector) {
  v1::EmbedRequest request;
  request.set_text("apple banana, car!");
  request.set_model_id("vecs");
  request.mutable_options()->set_include_token_embeddings(true);
  v1::EmbedResponse response;
  grpc::Status status = analytics_->Embed(Ctx().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.dimension(), 8);
  ASSERT_EQ(response.embedding_size(), 8);
  ASSERT_EQ(response.token_embeddings_size(), 3);  // punctuation is not embedded
  EXPECT_EQ(response.token_embeddings(1).token().text(), "banana");
  EXPECT_EQ(response.token_embeddings(1).token().begin_offset(), 6);
  // `wordloom vectors --sentence` over the same words: fastText's sentence vector.
  WriteFile(*work_ + "/words.txt", "apple banana car\n");
  auto cli = RunWordloom(absl::StrCat("vectors --sentence --model ", *work_, "/models/vecs.wlm ",
                                      *work_, "/words.txt"));
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  std::vector<std::string> values = absl::StrSplit(cli.out, ' ', absl::SkipWhitespace());
  ASSERT_EQ(values.size(), 8u) << cli.out;
  double norm = 0;
  for (int i = 0; i < 8; ++i) {
    float expected = 0;
    ASSERT_TRUE(absl::SimpleAtof(values[i], &expected)) << values[i];
    EXPECT_NEAR(response.embedding(i), expected, 1e-4) << i;
    norm += response.embedding(i) * response.embedding(i);
  }
  EXPECT_GT(norm, 0);
  request.mutable_options()->set_normalize(true);
  v1::EmbedResponse unit;
  ASSERT_TRUE(analytics_->Embed(Ctx().get(), request, &unit).ok());
  double unit_norm = 0;
  for (float v : unit.embedding()) unit_norm += v * v;
  EXPECT_NEAR(unit_norm, 1.0, 1e-4);
}

TEST_F(WordloomdStreamingTest, EmbedErrorCodes) {
  v1::EmbedRequest request;
  request.set_text("apple");
  v1::EmbedResponse response;
  request.set_model_id("no-such-model");
  EXPECT_EQ(analytics_->Embed(Ctx().get(), request, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
  request.set_model_id("mood");  // a SENTIMENT model
  EXPECT_EQ(analytics_->Embed(Ctx().get(), request, &response).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  request.set_model_id("");  // the default VECTORS model
  EXPECT_TRUE(analytics_->Embed(Ctx().get(), request, &response).ok());
}

TEST(EmbedWithoutVectorsTest, NoVectorsModelIsFailedPrecondition) {
  auto registry = ModelRegistry::Create(
      {.models_dir = wordloom::testing::TempDir(), .poll_interval = absl::ZeroDuration()},
      BuiltinModelLoaders());
  ASSERT_TRUE(registry.ok()) << registry.status();
  auto analytics = Analytics::Create(registry->get());
  ASSERT_TRUE(analytics.ok()) << analytics.status();
  v1::EmbedRequest request;
  request.set_text("apple");
  v1::EmbedResponse response;
  absl::Status status = (*analytics)->Embed(request, &response);
  EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
  EXPECT_NE(std::string(status.message()).find("no VECTORS model"), std::string::npos) << status;
}

v1::AnalyzeRequest FullAnalyzeRequest(const std::string& text) {
  v1::AnalyzeRequest request;
  request.set_text(text);
  request.set_id("doc-1");
  for (auto f : {v1::Feature::TOKENS, v1::Feature::KEY_PHRASES, v1::Feature::SENTIMENT,
                 v1::Feature::ENTITIES, v1::Feature::EMBEDDING, v1::Feature::PII_ENTITIES,
                 v1::Feature::CLASSES, v1::Feature::SENTIMENT}) {
    request.add_features(f);
  }
  request.mutable_models()->set_embedding_model_id("vecs");
  request.mutable_models()->set_classifier_model_id("genre");
  request.mutable_embed_options()->set_include_token_embeddings(true);
  return request;
}

TEST_F(WordloomdStreamingTest, AnalyzeEqualsEachFeaturesOwnCall) {
  const v1::AnalyzeRequest request = FullAnalyzeRequest(kText);
  v1::AnalyzeResponse all;
  grpc::Status status = analytics_->Analyze(Ctx().get(), request, &all);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(all.id(), "doc-1");

  v1::TokenizeRequest tokenize;
  tokenize.set_text(kText);
  v1::TokenizeResponse tokens;
  ASSERT_TRUE(analytics_->Tokenize(Ctx().get(), tokenize, &tokens).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(all.tokens(), tokens));
  EXPECT_GT(tokens.tokens_size(), 10);

  v1::DetectKeyPhrasesRequest phrases;
  phrases.set_text(kText);
  v1::DetectKeyPhrasesResponse phrases_response;
  ASSERT_TRUE(analytics_->DetectKeyPhrases(Ctx().get(), phrases, &phrases_response).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(all.key_phrases(), phrases_response));
  EXPECT_GT(phrases_response.key_phrases_size(), 0);

  v1::DetectSentimentRequest mood;
  mood.set_text(kText);
  v1::DetectSentimentResponse mood_response;
  ASSERT_TRUE(analytics_->DetectSentiment(Ctx().get(), mood, &mood_response).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(all.sentiment(), mood_response));
  EXPECT_EQ(mood_response.sentences_size(), 3);

  v1::DetectEntitiesRequest entities;
  entities.set_text(kText);
  v1::DetectEntitiesResponse entities_response;
  ASSERT_TRUE(analytics_->DetectEntities(Ctx().get(), entities, &entities_response).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(all.entities(), entities_response));
  EXPECT_GT(entities_response.entities_size(), 0);

  v1::EmbedRequest embed;
  embed.set_text(kText);
  embed.set_model_id("vecs");
  embed.mutable_options()->set_include_token_embeddings(true);
  v1::EmbedResponse embed_response;
  ASSERT_TRUE(analytics_->Embed(Ctx().get(), embed, &embed_response).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(all.embedding(), embed_response));

  v1::ClassifyTextRequest classify;
  classify.set_text(kText);
  classify.set_model_id("genre");
  v1::ClassifyTextResponse classify_response;
  ASSERT_TRUE(analytics_->ClassifyText(Ctx().get(), classify, &classify_response).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(all.classes(), classify_response));
  EXPECT_TRUE(all.has_pii_entities());
  EXPECT_FALSE(all.has_topics());  // not requested
}

TEST_F(WordloomdStreamingTest, AnalyzeFailsLikeTheFeatureCall) {
  v1::AnalyzeRequest request = FullAnalyzeRequest(std::string(6000, 'a'));  // > 5 KB sentiment
  v1::AnalyzeResponse response;
  EXPECT_EQ(analytics_->Analyze(Ctx().get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  request = FullAnalyzeRequest("apple");
  request.mutable_models()->set_embedding_model_id("missing");
  EXPECT_EQ(analytics_->Analyze(Ctx().get(), request, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(WordloomdStreamingTest, AnalyzeStreamAnswersEachRequestInOrder) {
  auto ctx = Ctx(60);
  auto stream = analytics_->AnalyzeStream(ctx.get());
  constexpr int kRequests = 60;
  std::thread writer([&] {
    for (int i = 0; i < kRequests; ++i) {
      v1::AnalyzeRequest r = FullAnalyzeRequest(i == 7 ? "" : absl::StrCat(kText, " Take ", i, "."));
      r.set_id(absl::StrCat("r", i));
      if (!stream->Write(r)) break;
    }
    stream->WritesDone();
  });
  v1::AnalyzeResponse response;
  int received = 0;
  while (stream->Read(&response)) {
    EXPECT_EQ(response.id(), absl::StrCat("r", received));
    if (received == 7) {
      EXPECT_EQ(response.error_code(), "INVALID_ARGUMENT");  // empty text; the stream goes on
      EXPECT_FALSE(response.has_tokens());
    } else {
      EXPECT_EQ(response.error_code(), "") << response.error_message();
      EXPECT_GT(response.tokens().tokens_size(), 10);
    }
    if (received == 3) {  // equals the unary call
      v1::AnalyzeRequest r = FullAnalyzeRequest(absl::StrCat(kText, " Take 3."));
      r.set_id("r3");
      v1::AnalyzeResponse unary;
      ASSERT_TRUE(analytics_->Analyze(Ctx().get(), r, &unary).ok());
      EXPECT_TRUE(MessageDifferencer::Equals(response, unary));
    }
    ++received;
  }
  writer.join();
  grpc::Status status = stream->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(received, kRequests);
}

TEST_F(WordloomdStreamingTest, AnalyzeStreamCancelledMidStreamLeavesTheServerServing) {
  for (int round = 0; round < 3; ++round) {
    auto ctx = Ctx(60);
    auto stream = analytics_->AnalyzeStream(ctx.get());
    for (int i = 0; i < 20; ++i) ASSERT_TRUE(stream->Write(FullAnalyzeRequest(kText)));
    v1::AnalyzeResponse response;
    ASSERT_TRUE(stream->Read(&response));
    ctx->TryCancel();
    while (stream->Read(&response)) {
    }
    EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  v1::AnalyzeResponse response;
  EXPECT_TRUE(analytics_->Analyze(Ctx().get(), FullAnalyzeRequest(kText), &response).ok());
}

v1::IngestRequest Header(const std::string& corpus, v1::OnError::Value on_error = v1::OnError::SKIP) {
  v1::IngestRequest r;
  r.mutable_header()->set_corpus_name(corpus);
  r.mutable_header()->set_create_if_missing(true);
  r.mutable_header()->mutable_options()->set_on_error(on_error);
  return r;
}

v1::IngestRequest Doc(const std::string& id, const std::string& text) {
  v1::IngestRequest r;
  r.mutable_document()->set_id(id);
  r.mutable_document()->set_text(text);
  return r;
}

uint64_t StoredDocuments(const std::string& dir) {
  auto reader = corpora::StoreReader::Open(dir);
  EXPECT_TRUE(reader.ok()) << reader.status();
  return reader.ok() ? (*reader)->stats().documents : 0;
}

TEST_F(WordloomdStreamingTest, IngestsOneHundredThousandDocuments) {
  constexpr int kDocs = 100000;
  v1::IngestResponse response;
  auto ctx = Ctx(120);
  auto writer = ingest_->IngestDocuments(ctx.get(), &response);
  ASSERT_TRUE(writer->Write(Header("bulk")));
  grpc::WriteOptions options;
  for (int i = 0; i < kDocs; ++i) {
    ASSERT_TRUE(writer->Write(Doc(absl::StrCat("d", i), absl::StrCat("apple car number ", i % 97)),
                              options))
        << i;
  }
  ASSERT_TRUE(writer->WritesDone());
  grpc::Status status = writer->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.corpus_name(), "bulk");
  EXPECT_EQ(response.documents_received(), kDocs);
  EXPECT_EQ(response.documents_written(), kDocs);
  EXPECT_EQ(response.documents_rejected(), 0);
  EXPECT_EQ(StoredDocuments(CorpusDir() + "/bulk"), static_cast<uint64_t>(kDocs));
}

TEST_F(WordloomdStreamingTest, IngestRejectsBadDocumentsByIndexAndId) {
  v1::IngestResponse response;
  auto ctx = Ctx();
  auto writer = ingest_->IngestDocuments(ctx.get(), &response);
  ASSERT_TRUE(writer->Write(Header("mixed")));
  ASSERT_TRUE(writer->Write(Doc("a", "apple juice")));
  ASSERT_TRUE(writer->Write(Doc("bad", std::string("caf\xC3 au lait", 12))));  // ill-formed
  ASSERT_TRUE(writer->Write(Doc("a", "duplicate id")));
  ASSERT_TRUE(writer->Write(Doc("empty", "")));
  ASSERT_TRUE(writer->Write(Doc("b", "car engine")));
  ASSERT_TRUE(writer->WritesDone());
  grpc::Status status = writer->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.documents_received(), 5);
  EXPECT_EQ(response.documents_written(), 2);
  EXPECT_EQ(response.documents_rejected(), 3);
  ASSERT_EQ(response.rejections_size(), 3);
  EXPECT_EQ(response.rejections(0).index(), 1);
  EXPECT_EQ(response.rejections(0).document_id(), "bad");
  EXPECT_EQ(response.rejections(0).error_code(), "INVALID_ARGUMENT");
  EXPECT_NE(response.rejections(0).error_message().find("byte 3"), std::string::npos)
      << response.rejections(0).error_message();
  EXPECT_EQ(response.rejections(1).error_code(), "ALREADY_EXISTS");
  EXPECT_EQ(StoredDocuments(CorpusDir() + "/mixed"), 2u);

  // A second stream appends; skip_existing skips known ids; FAIL ends the
  // call at the bad document, naming it, and keeps the ones before it.
  v1::IngestResponse again;
  auto ctx2 = Ctx();
  auto fail = ingest_->IngestDocuments(ctx2.get(), &again);
  v1::IngestRequest header = Header("mixed", v1::OnError::FAIL);
  header.mutable_header()->mutable_options()->set_skip_existing(true);
  ASSERT_TRUE(fail->Write(header));
  ASSERT_TRUE(fail->Write(Doc("a", "apple juice")));
  ASSERT_TRUE(fail->Write(Doc("c", "pear")));
  fail->Write(Doc("bad2", std::string("\xFF", 1)));
  fail->WritesDone();
  status = fail->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("document 2 (id \"bad2\")"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(StoredDocuments(CorpusDir() + "/mixed"), 3u);
}

TEST_F(WordloomdStreamingTest, IngestHeaderErrors) {
  for (const std::string& name : {std::string("../escape"), std::string("a/b"), std::string(""),
                                  std::string(".hidden")}) {
    v1::IngestResponse response;
    auto ctx = Ctx();
    auto writer = ingest_->IngestDocuments(ctx.get(), &response);
    writer->Write(Header(name));
    writer->WritesDone();
    EXPECT_EQ(writer->Finish().error_code(), grpc::StatusCode::INVALID_ARGUMENT) << name;
  }
  v1::IngestResponse response;
  auto ctx = Ctx();
  auto writer = ingest_->IngestDocuments(ctx.get(), &response);
  writer->Write(Doc("x", "no header first"));
  writer->WritesDone();
  EXPECT_EQ(writer->Finish().error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  auto ctx2 = Ctx();
  auto missing = ingest_->IngestDocuments(ctx2.get(), &response);
  v1::IngestRequest header = Header("never-made");
  header.mutable_header()->set_create_if_missing(false);
  missing->Write(header);
  missing->WritesDone();
  EXPECT_EQ(missing->Finish().error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(WordloomdStreamingTest, IngestCancelledMidStreamKeepsACommittedPrefix) {
  for (int round = 0; round < 2; ++round) {
    v1::IngestResponse response;
    auto ctx = Ctx(60);
    auto writer = ingest_->IngestDocuments(ctx.get(), &response);
    ASSERT_TRUE(writer->Write(Header("cut")));
    for (int i = 0; i < 3000; ++i) {
      if (!writer->Write(Doc(absl::StrCat(round, "-", i), "apple banana car"))) break;
    }
    ctx->TryCancel();
    EXPECT_EQ(writer->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  // The corpus is released once the server has committed what it received
  // (ABORTED "being written by another stream" until then) and is readable:
  // a committed prefix of what was sent.
  v1::IngestResponse response;
  grpc::Status status;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto ctx = Ctx();
    auto writer = ingest_->IngestDocuments(ctx.get(), &response);
    writer->Write(Header("cut"));
    writer->Write(Doc("last", "pear"));
    writer->WritesDone();
    status = writer->Finish();
    if (status.error_code() != grpc::StatusCode::ABORTED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.documents_written(), 1);
  const uint64_t stored = StoredDocuments(CorpusDir() + "/cut");
  EXPECT_GE(stored, 1u);
  EXPECT_LE(stored, 6001u);
}

}  // namespace
}  // namespace wordloom::service
