"""@rules_cc//cc:defs.bzl for Bazel 4 offline: the C++ rules built into Bazel.

Bazel 4.2's own tools load their C++ rules from @rules_cc, which its default
WORKSPACE downloads. Debian's bazel-rules-cc package is written for a newer
Bazel, so this repository stands in: each rule is the native one.
"""

def cc_binary(**attrs):
    native.cc_binary(**attrs)

def cc_import(**attrs):
    native.cc_import(**attrs)

def cc_library(**attrs):
    native.cc_library(**attrs)

def cc_proto_library(**attrs):
    native.cc_proto_library(**attrs)

def cc_test(**attrs):
    native.cc_test(**attrs)

def cc_toolchain(**attrs):
    native.cc_toolchain(**attrs)

def cc_toolchain_suite(**attrs):
    native.cc_toolchain_suite(**attrs)

def objc_library(**attrs):
    native.objc_library(**attrs)
