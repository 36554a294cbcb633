// DetectTopics latency: loads an LDA model and times TopicInferencer::
// DetectTopics (tokenize + fold-in Gibbs + top terms) on ~1 KB documents,
// one call at a time on one thread, as the service serves one request.
//
//   lda_inference_latency MODEL TEXT_FILE [DOC_BYTES=1024] [REPEAT=5]
//
// TEXT_FILE: one document per line; each line is cut to DOC_BYTES at a space
// (lines shorter than DOC_BYTES / 2 are skipped). Prints one JSON line.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "topics/inference.h"
#include "topics/model_file.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s MODEL TEXT_FILE [DOC_BYTES] [REPEAT]\n", argv[0]);
    return 2;
  }
  const size_t doc_bytes = argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 1024;
  const int repeat = argc > 4 ? std::atoi(argv[4]) : 5;
  auto model = wordloom::topics::LoadLdaModel(argv[1]);
  if (!model.ok()) {
    std::fprintf(stderr, "%s\n", std::string(model.status().message()).c_str());
    return 1;
  }
  std::shared_ptr<const wordloom::topics::LdaModel> shared = std::move(*model);
  auto inferencer = wordloom::topics::TopicInferencer::Create(shared);
  if (!inferencer.ok()) return 1;
  std::vector<std::string> docs;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);) {
    if (line.size() < doc_bytes / 2) continue;
    if (line.size() > doc_bytes) {
      const size_t cut = line.rfind(' ', doc_bytes);
      line.resize(cut == std::string::npos ? doc_bytes : cut);
    }
    docs.push_back(std::move(line));
  }
  if (docs.empty()) return 1;
  std::vector<double> micros;
  double bytes = 0, known = 0;
  for (int r = 0; r < repeat; ++r) {
    for (const std::string& doc : docs) {
      const auto start = std::chrono::steady_clock::now();
      auto topics = (*inferencer)->DetectTopics(doc, {});
      const auto end = std::chrono::steady_clock::now();
      if (!topics.ok()) return 1;
      micros.push_back(std::chrono::duration<double, std::micro>(end - start).count());
      if (r == 0) {
        bytes += static_cast<double>(doc.size());
        known += static_cast<double>(topics->known_tokens);
      }
    }
  }
  std::sort(micros.begin(), micros.end());
  auto pct = [&](double p) { return micros[static_cast<size_t>(p * (micros.size() - 1))]; };
  double mean = 0;
  for (double m : micros) mean += m / micros.size();
  std::printf("{\"k\":%d,\"docs\":%zu,\"mean_doc_bytes\":%.0f,\"mean_known_tokens\":%.1f,"
              "\"mean_us\":%.1f,\"p50_us\":%.1f,\"p99_us\":%.1f}\n",
              shared->num_topics(), docs.size(), bytes / docs.size(), known / docs.size(), mean, pct(0.5),
              pct(0.99));
  return 0;
}
