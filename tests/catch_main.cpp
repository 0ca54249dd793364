// Kept alone: this file takes ~20 s to compile, so it should rarely rebuild.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
