//! Loads each WSDL given on the command line and prints a one-line summary or the error.

fn main() {
    for arg in std::env::args().skip(1) {
        match wsdl::load(std::path::Path::new(&arg)) {
            Ok(d) => println!(
                "{arg}: ok, {} port types, {} operations, {} bindings, {} complex types, {} simple types, {} elements",
                d.port_types.len(),
                d.port_types
                    .iter()
                    .map(|p| p.operations.len())
                    .sum::<usize>(),
                d.bindings.len(),
                d.schema.complex_types.len(),
                d.schema.simple_types.len(),
                d.schema.elements.len()
            ),
            Err(e) => println!("{arg}: {e}"),
        }
    }
}
