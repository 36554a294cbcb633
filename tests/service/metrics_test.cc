#include "service/metrics.h"

#include "gtest/gtest.h"

namespace wordloom::service {
namespace {

bool Has(const std::string& text, const std::string& line) {
  return text.find(line) != std::string::npos;
}

TEST(MetricsTest, CountsErrorsAndHistogram) {
  Metrics metrics;
  metrics.Record("grpc/Tokenize", absl::StatusCode::kOk, 0.0002);
  metrics.Record("grpc/Tokenize", absl::StatusCode::kOk, 0.003);
  metrics.Record("grpc/Tokenize", absl::StatusCode::kInvalidArgument, 0.0001);
  metrics.Record("grpc/Embed", absl::StatusCode::kOk, 0.00003);
  metrics.AddGauge("wordloom_work_queue_depth", "Queued.", [] { return 7.0; });
  const std::string text = metrics.Render();
  EXPECT_TRUE(Has(text, "wordloom_requests_total{method=\"grpc/Tokenize\",code=\"OK\"} 2\n"));
  EXPECT_TRUE(Has(text, "{method=\"grpc/Tokenize\",code=\"INVALID_ARGUMENT\"} 1\n"));
  EXPECT_TRUE(Has(text, "wordloom_request_errors_total{method=\"grpc/Tokenize\"} 1\n"));
  EXPECT_TRUE(Has(text, "_bucket{method=\"grpc/Tokenize\",le=\"5e-05\"} 0\n"));
  EXPECT_TRUE(Has(text, "_bucket{method=\"grpc/Embed\",le=\"2.5e-05\"} 0\n"));
  EXPECT_TRUE(Has(text, "_bucket{method=\"grpc/Embed\",le=\"5e-05\"} 1\n"));
  EXPECT_TRUE(Has(text, "_bucket{method=\"grpc/Tokenize\",le=\"0.0001\"} 1\n"));
  EXPECT_TRUE(Has(text, "_bucket{method=\"grpc/Tokenize\",le=\"0.00025\"} 2\n"));
  EXPECT_TRUE(Has(text, "_bucket{method=\"grpc/Tokenize\",le=\"+Inf\"} 3\n"));
  EXPECT_TRUE(Has(text, "wordloom_request_duration_seconds_count{method=\"grpc/Tokenize\"} 3\n"));
  EXPECT_TRUE(Has(text, "# TYPE wordloom_work_queue_depth gauge\nwordloom_work_queue_depth 7\n"));
}

}  // namespace
}  // namespace wordloom::service
