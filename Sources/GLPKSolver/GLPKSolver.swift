// The GLPK backend: see GLPKSolver.swift.
