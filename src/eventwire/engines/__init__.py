"""How many articles get coded: locally in batches, on a Dask cluster, and the process runtime."""
