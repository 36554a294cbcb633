#include "service/job_store.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/match.h"
#include "core/atomic_file.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"

namespace wordloom::service {
namespace {

namespace fs = std::filesystem;
using google::protobuf::util::TimeUtil;

constexpr char kSuffix[] = ".json";

bool SafeId(const std::string& id) {
  if (id.empty() || id.size() > 64 || id == "." || id == "..") return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.';
  });
}

absl::StatusOr<v1::JobProperties> ReadJob(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path.string(), ": cannot open"));
  std::ostringstream text;
  text << in.rdbuf();
  v1::JobProperties job;
  auto parsed = google::protobuf::util::JsonStringToMessage(text.str(), &job);
  if (!parsed.ok()) {
    return absl::DataLossError(absl::StrCat(path.string(), ": not a job file: ",
                                            std::string(parsed.message())));
  }
  if (job.job_id() != path.stem().string()) {
    return absl::DataLossError(absl::StrCat(path.string(), ": holds job \"", job.job_id(),
                                            "\", not the one its name says"));
  }
  return job;
}

// Marks a job that was queued or running when its server died.
void MarkInterrupted(absl::Time now, v1::JobProperties* job) {
  const std::string was = v1::JobStatus::Value_Name(job->job_status());
  job->set_job_status(v1::JobStatus::FAILED);
  job->set_message(absl::StrCat("interrupted: the server stopped while the job was ", was,
                                " (it did not shut down gracefully); start the job again"));
  *job->mutable_end_time() = TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(now));
  job->mutable_progress()->set_eta_seconds(0);
}

// A file system with a coarse clock may stamp a file the job wrote just
// after it started slightly before its submit time; allow this much.
constexpr int64_t kClockSlackNanos = 1'000'000'000;

// The output-file half of JobStore::Remove.
absl::Status RemoveOutputs(const v1::JobProperties& job) {
  const int64_t begin = TimeUtil::TimestampToNanoseconds(job.submit_time()) - kClockSlackNanos;
  const int64_t end = TimeUtil::TimestampToNanoseconds(job.end_time());
  absl::Status status;
  std::set<std::string> dirs;
  for (const std::string& file : job.output_files()) {
    struct stat st;
    if (lstat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    const int64_t mtime = int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + st.st_mtim.tv_nsec;
    if (mtime < begin || mtime > end) continue;
    std::error_code ec;
    if (fs::remove(file, ec)) dirs.insert(fs::path(file).parent_path().string());
    if (ec) status = absl::InternalError(absl::StrCat("cannot delete ", file, ": ", ec.message()));
  }
  for (const std::string& dir : dirs) {
    std::error_code ec;
    if (fs::is_empty(dir, ec) && !ec) fs::remove(dir, ec);
  }
  return status;
}

}  // namespace

bool IsTerminal(v1::JobStatus::Value status) {
  return status == v1::JobStatus::COMPLETED || status == v1::JobStatus::FAILED ||
         status == v1::JobStatus::STOPPED;
}

absl::StatusOr<std::unique_ptr<JobStore>> JobStore::Open(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    return absl::FailedPreconditionError(
        absl::StrCat("job state directory ", dir, " cannot be created: ",
                     ec ? ec.message() : "not a directory"));
  }
  return std::unique_ptr<JobStore>(new JobStore(dir));
}

absl::Status JobStore::Save(const v1::JobProperties& job) const {
  if (!SafeId(job.job_id())) {
    return absl::InvalidArgumentError(
        absl::StrCat("job id \"", job.job_id(), "\" is not a file name"));
  }
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  auto printed = google::protobuf::util::MessageToJsonString(job, &json, options);
  if (!printed.ok()) return absl::InternalError(std::string(printed.message()));
  json.push_back('\n');
  return WriteFileAtomically((fs::path(dir_) / (job.job_id() + kSuffix)).string(), json);
}

absl::Status JobStore::Remove(const v1::JobProperties& job) const {
  if (!SafeId(job.job_id())) {
    return absl::InvalidArgumentError(
        absl::StrCat("job id \"", job.job_id(), "\" is not a file name"));
  }
  absl::Status status = RemoveOutputs(job);
  const fs::path path = fs::path(dir_) / (job.job_id() + kSuffix);
  std::error_code ec;
  fs::remove(path, ec);
  if (ec) {
    status = absl::InternalError(absl::StrCat("cannot delete ", path.string(), ": ", ec.message()));
  }
  return status;
}

absl::StatusOr<LoadedJobs> JobStore::Load(absl::Time now) const {
  LoadedJobs loaded;
  std::error_code ec;
  fs::directory_iterator it(dir_, ec);
  if (ec) {
    return absl::FailedPreconditionError(absl::StrCat("cannot list ", dir_, ": ", ec.message()));
  }
  for (const fs::directory_entry& entry : it) {
    const fs::path& path = entry.path();
    if (path.extension() != kSuffix || !entry.is_regular_file(ec)) continue;
    absl::StatusOr<v1::JobProperties> job = ReadJob(path);
    if (!job.ok()) {
      loaded.unreadable.push_back(std::string(job.status().message()));
      continue;
    }
    if (!IsTerminal(job->job_status())) {
      MarkInterrupted(now, &*job);
      loaded.interrupted.push_back(job->job_id());
      absl::Status saved = Save(*job);
      if (!saved.ok()) loaded.unreadable.push_back(std::string(saved.message()));
    }
    loaded.jobs.push_back(*std::move(job));
  }
  return loaded;
}

}  // namespace wordloom::service
