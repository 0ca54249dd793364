# Fuzz targets for every decoder that reads outside input (tests/fuzz/fuzz_<name>.cpp, each
# defining LLVMFuzzerTestOneInput). With DELEGATE_FUZZ (the `fuzz` preset, clang) each becomes a
# libFuzzer binary fuzz_<name>; otherwise (any compiler, e.g. the native g++ build) each becomes
# fuzz_replay_<name>: the same target linked with a small main that feeds it every file of its
# corpus, tests/fuzz/corpus/<name>/, so what the fuzzer once found stays fixed.
option(DELEGATE_FUZZ "build libFuzzer targets (needs clang)" OFF)
set(DELEGATE_FUZZ_TARGETS command_json event_json state_json graph_query request_body)
if(DELEGATE_FUZZ)
  # Just the server's decoders (not its stores and routes), so the instrumented build stays small.
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(FUZZ_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
  add_library(delegate_decoders STATIC
    "${CMAKE_SOURCE_DIR}/server/core_codec.cpp" "${CMAKE_SOURCE_DIR}/server/http_errors.cpp"
    "${CMAKE_SOURCE_DIR}/server/graph_query.cpp" "${CMAKE_SOURCE_DIR}/server/json_body.cpp")
  target_link_libraries(delegate_decoders PUBLIC delegate_core PkgConfig::FUZZ_HTTPLIB)
  set(_decoders delegate_decoders)
else()
  set(_decoders delegate_server_lib)
endif()
foreach(_name ${DELEGATE_FUZZ_TARGETS})
  set(_src "${CMAKE_SOURCE_DIR}/tests/fuzz/fuzz_${_name}.cpp")
  if(DELEGATE_FUZZ)
    add_executable(fuzz_${_name} "${_src}")
    target_link_options(fuzz_${_name} PRIVATE -fsanitize=fuzzer)
    set(_target fuzz_${_name})
  else()
    # Not part of `all`: scripts/test builds them for its fuzz-replay suite.
    add_executable(fuzz_replay_${_name} EXCLUDE_FROM_ALL "${_src}"
                   "${CMAKE_SOURCE_DIR}/tests/fuzz/replay_main.cpp")
    set(_target fuzz_replay_${_name})
    add_test(NAME fuzz_replay_${_name}
             COMMAND fuzz_replay_${_name} "${CMAKE_SOURCE_DIR}/tests/fuzz/corpus/${_name}")
  endif()
  target_link_libraries(${_target} PRIVATE ${_decoders})
endforeach()
