# Every dependency is a Debian 12 package installed by scripts/setup.sh.
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
find_package(ICU 72 REQUIRED COMPONENTS uc i18n data)
find_package(absl CONFIG REQUIRED)
find_package(Protobuf REQUIRED)
find_package(gRPC CONFIG REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(LibArchive REQUIRED)

# sentencepiece is only ever linked by the shim in nlp/text/spm_shim (see there).
pkg_check_modules(SENTENCEPIECE REQUIRED IMPORTED_TARGET sentencepiece)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(RE2 IMPORTED_TARGET re2)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)

if(WORDLOOM_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(WORDLOOM_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()

find_program(WORDLOOM_GRPC_CPP_PLUGIN grpc_cpp_plugin REQUIRED)
