// wordloom tfidf --store STORE [--top K]      one line per document: `DOC_ID term:weight ...`
// wordloom tfidf --input FILE [--top K]       FILE: pre-tokenized, one document per line
//
// Term weighting as scikit-learn's TfidfVectorizer (raw/log/boolean tf,
// smooth/plain/no idf, l2/l1/no norm); --tsv and --matrix-market export the
// sparse document-term matrix. With --input the fit runs in memory on all
// cores (documents are named by line number) and --timing reports the
// fit+transform time on stderr.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "corpora/store.h"
#include "corpora/tfidf_export.h"
#include "nlp/text/tfidf.h"
#include "tools/command.h"

namespace wordloom::tools {
namespace {

struct TfidfFlags {
  std::string store;
  std::string input;
  size_t top = 10;
  bool sublinear_tf = false;
  std::string tf = "raw";
  std::string idf = "smooth";
  std::string norm = "l2";
  std::string tsv;
  std::string mtx;
  bool no_rows = false;
  size_t threads = 0;
  bool timing = false;
};

absl::StatusOr<nlp::TfidfOptions> Weighting(const TfidfFlags& f) {
  nlp::TfidfOptions o;
  o.tf = f.tf == "log" || f.sublinear_tf ? nlp::TfWeighting::kLog
         : f.tf == "boolean"             ? nlp::TfWeighting::kBoolean
                                         : nlp::TfWeighting::kRaw;
  o.use_idf = f.idf != "none";
  o.smooth_idf = f.idf == "smooth";
  o.norm = f.norm == "l1" ? nlp::TfidfNorm::kL1 : f.norm == "none" ? nlp::TfidfNorm::kNone : nlp::TfidfNorm::kL2;
  if (f.store.empty() == f.input.empty()) {
    return absl::InvalidArgumentError("give exactly one of --store STORE or --input FILE");
  }
  return o;
}

// User + system CPU time of the process so far (all threads).
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  const auto sec = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return sec(u.ru_utime) + sec(u.ru_stime);
}

absl::Status RunTfidf(const TfidfFlags& flags) {
  WL_ASSIGN_OR_RETURN(nlp::TfidfOptions weighting, Weighting(flags));
  corpora::TfidfExportOptions out;
  out.rows_path = flags.no_rows ? "" : "-";
  out.top_k = flags.top;
  out.tsv_path = flags.tsv;
  out.mtx_path = flags.mtx;
  if (!flags.store.empty()) {
    WL_ASSIGN_OR_RETURN(auto store, corpora::StoreReader::Open(flags.store));
    return corpora::ExportStoreTfidf(*store, weighting, out).status();
  }
  WL_ASSIGN_OR_RETURN(std::unique_ptr<MappedFile> file, MappedFile::Open(flags.input));
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = CpuSeconds();
  nlp::TfidfFit fit = nlp::FitTransformLines(file->view(), weighting, flags.threads);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu_seconds = CpuSeconds() - cpu_start;
  if (flags.timing) {
    // CPU time (all threads) next to wall time: on a loaded machine the
    // wall time mostly measures the wait for a core.
    std::fprintf(stderr, "{\"documents\":%zu,\"terms\":%zu,\"nonzeros\":%llu,\"bytes\":%zu,"
                 "\"fit_transform_seconds\":%.6f,\"fit_transform_cpu_seconds\":%.6f}\n",
                 fit.matrix.rows(), fit.terms.size(), static_cast<unsigned long long>(fit.matrix.nonzeros()),
                 file->view().size(), seconds, cpu_seconds);
  }
  if (out.rows_path.empty() && out.tsv_path.empty() && out.mtx_path.empty()) return absl::OkStatus();
  return corpora::ExportFit(fit, out);
}

}  // namespace

void AddTfidfCommand(CLI::App& app) {
  auto flags = std::make_shared<TfidfFlags>();
  CLI::App* cmd = app.add_subcommand("tfidf", "TF-IDF weights per document (scikit-learn's values)");
  cmd->add_option("--store", flags->store, "Corpus store written by `wordloom index`");
  cmd->add_option("--input", flags->input, "Pre-tokenized text, one document per line (in-memory fit)");
  cmd->add_option("--top", flags->top, "Terms per output line, highest weight first (0 = all)");
  cmd->add_flag("--sublinear-tf", flags->sublinear_tf, "tf = 1 + ln(count) (sklearn sublinear_tf=True)");
  cmd->add_option("--tf", flags->tf, "raw|log|boolean")->check(CLI::IsMember({"raw", "log", "boolean"}));
  cmd->add_option("--idf", flags->idf, "smooth|plain|none")->check(CLI::IsMember({"smooth", "plain", "none"}));
  cmd->add_option("--norm", flags->norm, "l2|l1|none")->check(CLI::IsMember({"l2", "l1", "none"}));
  cmd->add_option("--tsv", flags->tsv, "Write every non-zero as `doc_id<TAB>term<TAB>weight` ('-' = stdout)");
  cmd->add_option("--matrix-market", flags->mtx, "Write a Matrix Market file (+ FILE.rows, FILE.cols)");
  cmd->add_flag("--no-rows", flags->no_rows, "Do not print the per-document lines");
  cmd->add_option("--threads", flags->threads, "Threads for --input (default: all cores)");
  cmd->add_flag("--timing", flags->timing, "Report the fit+transform time (--input) on stderr");
  SetAction(cmd, [flags] { return RunTfidf(*flags); });
}

}  // namespace wordloom::tools
