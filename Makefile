# The two commands of the quick start: `make run` and `make test`.
# Each does its own set-up (scripts/setup.sh) and skips what is already done.
BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: all setup configure server web build run test bench format clean

all: build

setup:
	@scripts/setup.sh

$(BUILD)/build.ninja: | setup
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

server: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

web: setup
	@scripts/build-web.sh

build: server web

run: build
	@scripts/run-demo.sh

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j 2

bench: build
	@scripts/bench.sh

format:
	clang-format -i $$(git ls-files 'server/*.cpp' 'server/*.hpp' 'bench/*.cpp')

clean:
	rm -rf $(BUILD) web/dist
