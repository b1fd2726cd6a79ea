//! The JSON Schema of topics files, for editors: with the YAML language
//! server, a file that starts with
//! `# yaml-language-server: $schema=topics.schema.json` is completed
//! and checked as it is typed.

use serde_json::{Value, json};

use crate::input::schema::ResourceKind;

/// The schema as a JSON value (draft 2020-12). An empty value (`null`) in
/// an optional field is the same as leaving the field out, as the loader
/// reads it.
pub fn value() -> Value {
    let kebab = json!({
        "type": "string",
        "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
        "description": "Lowercase letters and digits in words joined by single dashes."
    });
    let kinds: Vec<&str> = ResourceKind::ALL.iter().map(|k| k.as_str()).collect();
    let warnings: Vec<&str> = crate::diagnostic::Code::allowable()
        .map(crate::diagnostic::Code::as_str)
        .collect();
    let allow = json!({
        "type": ["array", "null"],
        "description": "Warning rules silenced here alone, by code.",
        "items": { "enum": warnings }
    });
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "prereq topics file",
        "description": "A curriculum: sections and topics in reading order, and the prerequisites between topics.",
        "type": "object",
        "additionalProperties": false,
        "required": ["version"],
        "properties": {
            "version": {
                "const": crate::model::catalog::SUPPORTED_VERSION,
                "description": "Format version; only 1 exists."
            },
            "title": { "type": ["string", "null"], "description": "The curriculum's name." },
            "sections": {
                "type": ["array", "null"],
                "description": "Sections in reading order.",
                "items": { "$ref": "#/$defs/section" }
            },
            "topics": {
                "type": ["array", "null"],
                "description": "Topics in reading order; each should come after its prerequisites.",
                "items": { "$ref": "#/$defs/topic" }
            }
        },
        "$defs": {
            "id": kebab,
            "section": {
                "type": "object",
                "additionalProperties": false,
                "required": ["id", "title"],
                "properties": {
                    "id": { "$ref": "#/$defs/id", "description": "The id topics name in `section`." },
                    "title": { "type": "string", "description": "Display title." },
                    "number": { "type": ["string", "null"], "description": "A number such as II." },
                    "goal": { "type": ["string", "null"], "description": "One line on what the section is for." },
                    "resources": {
                        "type": ["array", "null"],
                        "description": "Resources that cover the section as a whole.",
                        "items": { "$ref": "#/$defs/resource" }
                    }
                }
            },
            "topic": {
                "type": "object",
                "additionalProperties": false,
                "required": ["id", "title"],
                "properties": {
                    "id": { "$ref": "#/$defs/id", "description": "Unique across ids and aliases." },
                    "title": { "type": "string", "description": "Display title." },
                    "section": {
                        "anyOf": [{ "$ref": "#/$defs/id" }, { "type": "null" }],
                        "description": "The id of the section the topic belongs to."
                    },
                    "aliases": {
                        "type": ["array", "null"],
                        "description": "Other names a learner may type.",
                        "items": { "$ref": "#/$defs/id" }
                    },
                    "requires": {
                        "type": ["array", "null"],
                        "description": "Hard prerequisites: study these first.",
                        "items": { "$ref": "#/$defs/edge" }
                    },
                    "recommends": {
                        "type": ["array", "null"],
                        "description": "Soft prerequisites: worth knowing first, not needed.",
                        "items": { "$ref": "#/$defs/edge" }
                    },
                    "hours": {
                        "type": ["number", "null"],
                        "exclusiveMinimum": 0,
                        "maximum": 10000,
                        "description": "Estimated hours of study."
                    },
                    "summary": { "type": ["string", "null"], "description": "One or two sentences on what the topic is." },
                    "resources": {
                        "type": ["array", "null"],
                        "description": "Where to learn it.",
                        "items": { "$ref": "#/$defs/resource" }
                    },
                    "allow": allow
                }
            },
            "edge": {
                "description": "A topic id or alias, or a mapping with the topic and the reason.",
                "oneOf": [
                    { "type": "string" },
                    {
                        "type": "object",
                        "additionalProperties": false,
                        "required": ["topic"],
                        "properties": {
                            "topic": { "type": "string", "description": "The prerequisite's id or alias." },
                            "because": { "type": ["string", "null"], "description": "Why it is needed." },
                            "allow": allow
                        }
                    }
                ]
            },
            "resource": {
                "type": "object",
                "additionalProperties": false,
                "required": ["title", "url", "kind"],
                "properties": {
                    "title": { "type": "string", "description": "The resource's own title." },
                    "url": {
                        "type": "string",
                        "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/\\s\\u0000-\\u001f\\u007f-\\u009f][^\\s\\u0000-\\u001f\\u007f-\\u009f]*$",
                        "description": "An http or https url."
                    },
                    "kind": { "enum": kinds, "description": "What sort of resource it is." },
                    "author": { "type": ["string", "null"], "description": "Who made it." },
                    "note": { "type": ["string", "null"], "description": "Which part to read, or what it is about." }
                }
            }
        }
    })
}

/// The schema as pretty-printed JSON text.
pub fn schema() -> String {
    let mut text = serde_json::to_string_pretty(&value()).unwrap_or_default();
    text.push('\n');
    text
}
