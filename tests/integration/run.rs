//! redkit run
