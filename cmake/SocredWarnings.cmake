# One function each for warnings and sanitizers, applied per target (after spdlog's
# spdlog_enable_warnings / spdlog_enable_sanitizer).
function(socred_enable_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wnon-virtual-dtor
                                           -Wcast-align -Wformat=2)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wshadow=local)
  else()
    target_compile_options(${target} PRIVATE -Wshadow-uncaptured-local)
  endif()
  if(SOCRED_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(SOCRED_SANITIZE)
    socred_enable_sanitizers(${target})
  endif()
  if(SOCRED_FUZZ)
    socred_enable_fuzzing(${target})
  endif()
endfunction()

function(socred_enable_sanitizers target)
  # GCC 12 reports false -Wmaybe-uninitialized through std::variant/std::optional when
  # AddressSanitizer instruments them (GCC bug 105562 family); release builds keep the warning.
  target_compile_options(${target} PRIVATE -fsanitize=address,undefined
                                           -fno-sanitize-recover=all -fno-omit-frame-pointer
                                           -Wno-maybe-uninitialized)
  target_link_options(${target} PRIVATE -fsanitize=address,undefined)
endfunction()

# Coverage instrumentation for libFuzzer plus ASan and UBSan (any finding aborts). The
# fuzz targets themselves link -fsanitize=fuzzer (tests/fuzz/CMakeLists.txt). The macro is
# libFuzzer's convention: the checkpoint reader then skips its checksums, so the fuzzer
# can reach the sections behind them.
function(socred_enable_fuzzing target)
  target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link,address,undefined
                                           -fno-sanitize-recover=all -fno-omit-frame-pointer
                                           -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION)
  target_link_options(${target} PRIVATE -fsanitize=address,undefined)
endfunction()
