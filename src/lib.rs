//! centricity: a company's self-view of its customer-centricity beside its customers' view.
//!
//! Five layers, each using only those before it (see ARCHITECTURE.md): [`model`] (the
//! domain types), [`input`] (reading and checking files), [`analysis`] (the one pass over
//! the respondents and what follows from it), [`output`] (report, exports, form, PDF) and
//! [`cmd`] (one thin function per subcommand).

pub mod model;

pub mod input;

pub mod analysis;

pub mod output;

pub mod cli;
pub mod cmd;
