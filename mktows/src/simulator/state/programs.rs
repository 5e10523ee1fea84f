//! Programs (readable and updatable as the `Program` MObject), their channels and tags
//! (getChannels, getTags).

use chrono::{DateTime, Utc};

use super::SimState;

/// The first id handed to a program created without an explicit id.
const FIRST_PROGRAM_ID: i32 = 1001;

/// A program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    /// Program id (the MObject `id`).
    pub id: i32,
    /// Program name (`Name`; campaigns and lists belong to a program by name).
    pub name: String,
    /// `Type`, e.g. "Marketing Program", "Event".
    pub program_type: String,
    /// `Workspace Name` ("Default"; `Workspace Id` 1).
    pub workspace: String,
    /// `Tree Path`, e.g. "/Marketing Activities/Default/Program01".
    pub tree_path: String,
    /// `Is Archived` (archived programs are read only with the "Include Archive" criterion).
    pub archived: bool,
    /// Its tags as `(Type, Value)`; the channel is the tag of type "Channel".
    pub tags: Vec<(String, String)>,
    /// Period costs.
    pub costs: Vec<ProgramCost>,
    /// My Tokens as `(name, value)`.
    pub tokens: Vec<(String, String)>,
    /// Creation time (`createdAt`).
    pub created_at: DateTime<Utc>,
    /// Last change (`updatedAt`).
    pub updated_at: DateTime<Utc>,
}

impl Program {
    /// A "Marketing Program" in the Default workspace with nothing else set.
    pub fn new(id: i32, name: impl Into<String>) -> Self {
        let name = name.into();
        let now = Utc::now();
        Self {
            id,
            tree_path: format!("/Marketing Activities/Default/{name}"),
            name,
            program_type: "Marketing Program".to_owned(),
            workspace: "Default".to_owned(),
            archived: false,
            tags: Vec::new(),
            costs: Vec::new(),
            tokens: Vec::new(),
            created_at: now,
            updated_at: now,
        }
    }

    /// Sets the channel tag (builder style, for seeding).
    pub fn with_channel(mut self, channel: impl Into<String>) -> Self {
        self.tags.push(("Channel".to_owned(), channel.into()));
        self
    }
}

/// One period cost of a program (`typeAttrib` of type `Cost`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramCost {
    /// Cost id (`Id`; given to update an existing cost).
    pub id: i32,
    /// `Month`, as sent (`2013-06`).
    pub month: String,
    /// `Amount`, as sent.
    pub amount: String,
    /// `Note`.
    pub note: String,
}

/// A channel with its progression statuses (getChannels).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    /// Channel name (`tagValue`), e.g. "Webinar".
    pub name: String,
    /// Its statuses in step order.
    pub statuses: Vec<ChannelStatus>,
}

/// One progression status of a channel (`Status`, `Step`, `Success`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelStatus {
    /// `Status`, e.g. "Attended".
    pub name: String,
    /// `Step`.
    pub step: i32,
    /// `Success`.
    pub success: bool,
}

impl Channel {
    /// A channel from `(status, step, success)` triples.
    pub fn new(name: impl Into<String>, statuses: &[(&str, i32, bool)]) -> Self {
        Self {
            name: name.into(),
            statuses: statuses
                .iter()
                .map(|(status, step, success)| ChannelStatus {
                    name: (*status).to_owned(),
                    step: *step,
                    success: *success,
                })
                .collect(),
        }
    }
}

/// A tag type with its allowed values (getTags).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagType {
    /// Tag type, e.g. "Content Channel".
    pub name: String,
    /// Allowed values.
    pub values: Vec<String>,
}

impl SimState {
    /// Adds (or replaces) a program; returns its id.
    pub fn add_program_record(&mut self, program: Program) -> i32 {
        let id = program.id;
        self.programs.insert(id, program);
        id
    }

    /// Creates a program with the next free id; returns the id.
    pub fn add_program(&mut self, name: &str) -> i32 {
        let id = self
            .programs
            .keys()
            .next_back()
            .map_or(FIRST_PROGRAM_ID, |id| id.saturating_add(1));
        self.add_program_record(Program::new(id, name))
    }

    /// All programs in id order.
    pub fn programs(&self) -> impl Iterator<Item = &Program> {
        self.programs.values()
    }

    /// The program with this id.
    pub fn program(&self, id: i32) -> Option<&Program> {
        self.programs.get(&id)
    }

    /// The program named `name`.
    pub fn program_named(&self, name: &str) -> Option<&Program> {
        self.programs.values().find(|p| p.name == name)
    }

    /// The program with this id, for an update.
    pub(super) fn program_mut(&mut self, id: i32) -> Option<&mut Program> {
        self.programs.get_mut(&id)
    }

    /// Adds (or replaces) a channel.
    pub fn add_channel(&mut self, channel: Channel) {
        self.channels.retain(|c| c.name != channel.name);
        self.channels.push(channel);
        self.channels.sort_by(|a, b| a.name.cmp(&b.name));
    }

    /// All channels by name.
    pub fn channels(&self) -> &[Channel] {
        &self.channels
    }

    /// Adds (or replaces) a tag type.
    pub fn add_tag_type(&mut self, name: impl Into<String>, values: &[&str]) {
        let name = name.into();
        self.tag_types.retain(|t| t.name != name);
        self.tag_types.push(TagType {
            name,
            values: values.iter().map(|v| (*v).to_owned()).collect(),
        });
    }

    /// All tag types, in the order they were added.
    pub fn tag_types(&self) -> &[TagType] {
        &self.tag_types
    }

    /// Whether `(type, value)` is an existing tag: a channel for type "Channel", else a value
    /// of the tag type.
    pub(super) fn tag_exists(&self, tag_type: &str, value: &str) -> bool {
        if tag_type == "Channel" {
            return self.channels.iter().any(|c| c.name == value);
        }
        self.tag_types
            .iter()
            .any(|t| t.name == tag_type && t.values.iter().any(|v| v == value))
    }
}
