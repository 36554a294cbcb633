"""@rules_java//java:defs.bzl for Bazel 4 offline: the Java rules built into Bazel.

Bazel 4.2 registers its JDK toolchains from packages that load @rules_java,
which its default WORKSPACE downloads. wordloom builds no Java; this stands in
so those packages load without a network.
"""

def java_binary(**attrs):
    native.java_binary(**attrs)

def java_import(**attrs):
    native.java_import(**attrs)

def java_library(**attrs):
    native.java_library(**attrs)

def java_runtime(**attrs):
    native.java_runtime(**attrs)

def java_toolchain(**attrs):
    native.java_toolchain(**attrs)
