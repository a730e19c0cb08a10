module aigov.local/bench/load-generator

go 1.21
