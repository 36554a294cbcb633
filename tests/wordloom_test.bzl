"""wordloom_test: one GoogleTest program, as tests/CMakeLists.txt's function."""

def wordloom_test(name, srcs, deps = [], programs = False, size = "medium"):
    """A cc_test over `srcs` with the test helpers and the test data.

    programs: the test runs the wordloom and wordloomd programs, which
    :programs lays out as CMake's build tree (bin/, lib/) for BinaryDir().
    """
    native.cc_test(
        name = name,
        srcs = srcs,
        size = size,
        deps = deps + [
            ":test_util",
            "@system_libs//:gtest_main",
        ],
        data = [":testdata"] + ([":programs"] if programs else []),
    )
