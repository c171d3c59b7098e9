"""The Word outputs (.docx): facilitator guide, participant handout, knowledge test and answer key."""
