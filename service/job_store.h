// Where jobs persist: one JSON file per job (the proto JSON of its
// JobProperties) in a directory, each written atomically (temp file + fsync +
// rename), so a crash at any moment leaves every job file whole — the old
// state or the new one.
//
// At startup Load() returns every job as it was last saved; jobs saved as
// SUBMITTED, IN_PROGRESS or STOP_REQUESTED cannot still be running (the
// process that ran them is gone), so Load() marks them FAILED with a message
// saying they were interrupted, and saves that.
//
// Thread-safe: Save() of different jobs may run concurrently; the caller
// orders the saves of one job (JobManager does).
#ifndef WORDLOOM_SERVICE_JOB_STORE_H_
#define WORDLOOM_SERVICE_JOB_STORE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "proto/wordloom/v1/jobs.pb.h"

namespace wordloom::service {

// What Load() found.
struct LoadedJobs {
  std::vector<v1::JobProperties> jobs;
  // Ids of the jobs Load() marked FAILED as interrupted.
  std::vector<std::string> interrupted;
  // Job files that could not be read or parsed, with why (left in place).
  std::vector<std::string> unreadable;
};

class JobStore {
 public:
  // Uses `dir`, creating it if missing. FailedPrecondition when it cannot be
  // created or is not a directory.
  static absl::StatusOr<std::unique_ptr<JobStore>> Open(const std::string& dir);

  // Writes `job` to <dir>/<job_id>.json atomically. InvalidArgument for an
  // id that is not a safe file name; I/O errors name the file.
  absl::Status Save(const v1::JobProperties& job) const;

  // Reads every job file, marking interrupted jobs (see the class comment)
  // with end time `now`. Fails only when the directory cannot be listed.
  absl::StatusOr<LoadedJobs> Load(absl::Time now) const;

  // Deletes a finished job: the output files it lists (JobProperties.
  // output_files) that are regular files last modified while it ran —
  // between its submit and end times, so a later job's file of the same
  // name is kept — then each directory they were in if that is left empty,
  // then its job file. OK when they are already gone; I/O errors name the
  // file (the rest is still deleted).
  absl::Status Remove(const v1::JobProperties& job) const;

  const std::string& dir() const { return dir_; }

 private:
  explicit JobStore(std::string dir) : dir_(std::move(dir)) {}
  const std::string dir_;
};

// True for COMPLETED, FAILED and STOPPED.
bool IsTerminal(v1::JobStatus::Value status);

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_JOB_STORE_H_
