//! Routing: where a new lead goes and by when. Assignment rules, first-contact deadlines (SLA),
//! the creation of a lead, and the hand-over of a leaving user's leads.

pub mod assignment;
pub mod handover;
pub mod new_lead;
pub mod reassign;
pub mod rules;
pub mod sla;
