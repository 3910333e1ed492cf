/* Intentionally empty: this shim wraps a Debian library; the static library
 * built from this file only satisfies a link_whole variable of a mediasoup
 * target that is never built (libmediasoup-worker). */
typedef int madoguchi_mediasoup_shim_unused;
