#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Install everything the build, the tests and the kernel-module check need on
# a fresh Debian 12 / Ubuntu machine.  Run as root (or through sudo).
set -eu

SUDO=
if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
fi

PKGS="cmake make gcc pkg-config
libunicorn-dev libcmocka-dev libelf-dev libfdt-dev device-tree-compiler lcov
gcc-powerpc64-linux-gnu binutils-powerpc64-linux-gnu libc6-dev-ppc64-cross
linux-source-6.1 flex bison bc libssl-dev perl xz-utils sparse
qemu-system-ppc gdb-multiarch git ca-certificates"

$SUDO apt-get update -q
# Upgrade-By-Source-Package=false: linux-source must not drag in upgrades of
# linux-libc-dev or linux-perf built from the same source package.
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
	-o APT::Get::Upgrade-By-Source-Package=false $PKGS
