// minutes-bench: generates realistic journals and measures replay, memory, the screen,
// appends, queries and exports. See docs/performance.md.
MinutesBench.main()
