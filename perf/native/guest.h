/* Host stand-in for tests/guests/common/guest.h: builds the compute guest as a native program
 * (perf/compare-engines.sh), the physical limit the emulators are measured against. */
#ifndef GUEST_H
#define GUEST_H
#include <stdint.h>
#include <stdio.h>
#define main guest_main
#endif
