"""How healthy a deployment is, for `tahub status`: pure rules over samples
(`rules`) and the I/O that takes the samples (`collect`)."""
