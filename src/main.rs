fn main() -> std::process::ExitCode {
    redkit::main_entry()
}
