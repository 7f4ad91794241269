#include "app/cli.hpp"

int main(int argc, char** argv) { return hk::app::run_cli(argc, argv); }
