#include "cli.h"

int main(int argc, char **argv) {
  return nps_cli_main(argc, argv);
}
